"""Follow pages: what I follow and how often I hear, follow/unfollow, unsubscribe by link."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.errors import DomainError
from samskab.core.forms import add_domain_error
from samskab.core.responses import bad_request

from . import queries, services
from .forms import FollowForm, FrequencyForm
from .models import DigestSettings, Follow


def _next(request, fallback):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


@login_required
def mine(request):
    current = services.settings_for(request.user) if request.method == "POST" else None
    found = current or DigestSettings.objects.filter(user=request.user).first()
    form = FrequencyForm(
        request.POST if request.method == "POST" else None,
        initial={
            "frequency": found.frequency if found else "weekly",
            "immediate": found.immediate if found else True,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_digest(
                request.user,
                frequency=form.cleaned_data["frequency"],
                immediate=form.cleaned_data["immediate"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your choice is saved."))
            return redirect("follows:mine")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "follows/mine.html",
        {"form": form, "follows": queries.follows_of(request.user)},
        status=status,
    )


@require_POST
@login_required
def follow(request):
    form = FollowForm(request.POST)
    if not form.is_valid():
        return bad_request(request, _("Say what to follow."))
    data = form.cleaned_data
    target = None
    if data["kind"]:
        app_label, model = services.FOLLOWABLE[data["kind"]]
        target = apps.get_model(app_label, model).objects.filter(slug=data["target"]).first()
        if target is None:
            raise Http404
    try:
        services.follow(request.user, target, query=data["q"])
    except DomainError as error:
        return bad_request(request, error.message)
    messages.success(request, _("You follow it now. News comes in your email digest."))
    return redirect(_next(request, "follows:mine"))


@require_POST
@login_required
def unfollow(request, pk):
    # Someone else's follow is as unknown as one that never existed.
    found = get_object_or_404(Follow, pk=pk, user=request.user)
    services.unfollow(request.user, found)
    messages.success(request, _("You no longer follow it."))
    return redirect(_next(request, "follows:mine"))


def unsubscribe(request, token):
    """The link in every digest: a page that asks, and a POST that stops the digests."""
    found = DigestSettings.objects.filter(token=token).first()
    if found is None:
        raise Http404
    done = False
    if request.method == "POST":
        services.unsubscribe(token)
        done = True
    return render(request, "follows/unsubscribe.html", {"done": done})


def stop_immediate(request, token):
    """The link in every email sent at once: a page that asks, and a POST that stops them."""
    if services.user_for_stop_token(token) is None:
        raise Http404
    done = False
    if request.method == "POST":
        services.stop_immediate(token)
        done = True
    return render(request, "follows/stop_immediate.html", {"done": done})
