-- make bench: wrk prints the 95th percentile of the latency (in microseconds) after its run.
done = function(summary, latency, requests)
  io.write(string.format("p95_us %d\n", latency:percentile(95)))
end
