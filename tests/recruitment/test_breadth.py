import pytest

from samskab.recruitment import breadth

from .conftest import COMPETENCES, applied

pytestmark = pytest.mark.django_db


def people(call, districts):
    """Ten confirmed applicants (and one unconfirmed, one withdrawn: neither counts)."""
    year = call.deadline.year
    spec = [
        # (age, gender, district, background, channel, competences)
        (35, "woman", "Hellerup", "public", "website", [COMPETENCES[1]]),
        (40, "man", "Hellerup", "private", "website", [COMPETENCES[1], COMPETENCES[2]]),
        (45, "woman", "Hellerup", "private", "local_paper", []),
        (52, "woman", "Hellerup", "retired", "local_paper", [COMPETENCES[2]]),
        (60, "unsaid", "Hellerup", "retired", "networks", []),
        (66, "man", "Ordrup", "retired", "", [COMPETENCES[1]]),
        (67, "woman", "Ordrup", "retired", "website", []),
        (70, "", "Hellerup", "retired", "website", []),
        (75, "man", "Hellerup", "retired", "magazine", []),
        (31, "woman", None, "self_employed", "website", [COMPETENCES[2]]),
    ]
    for n, (age, gender, district, background, channel, competences) in enumerate(spec):
        applied(
            call,
            districts,
            email=f"p{n}@example.org",
            birth_year=year - age,
            gender=gender,
            district=districts[district] if district else None,
            background=background,
            heard_via=channel,
            competences=competences,
        )
    applied(call, districts, email="unconfirmed@example.org", confirmed=False, birth_year=year - 20)
    withdrawn = applied(call, districts, email="gone@example.org", birth_year=year - 22)
    from samskab.recruitment import services

    services.withdraw(withdrawn)


def test_count_matches_figures_computed_by_hand(call, districts, age_groups):
    people(call, districts)
    figures = breadth.count(call)
    assert figures["total"] == 10
    assert figures["age"] == {"u18": 0, "18-29": 0, "30-49": 4, "50-66": 3, "67+": 3}
    assert figures["age_groups"] == [
        {"min": 0, "max": 17, "count": 0},
        {"min": 18, "max": 66, "count": 7},
        {"min": 67, "max": None, "count": 3},
    ]
    assert figures["gender"] == {"woman": 5, "man": 3, "unsaid": 1, "": 1}
    assert figures["district"] == {"Hellerup": 7, "Ordrup": 2, "outside": 1}
    assert figures["background"] == {"public": 1, "private": 2, "retired": 6, "self_employed": 1}
    assert figures["channel"] == {
        "website": 5,
        "local_paper": 2,
        "networks": 1,
        "": 1,
        "magazine": 1,
    }
    assert figures["competence"] == {COMPETENCES[0]: 0, COMPETENCES[1]: 3, COMPETENCES[2]: 3}


def test_report_spells_out_the_gaps_against_the_population(call, districts, age_groups):
    people(call, districts)
    report = breadth.report_for(call)
    assert report.gaps == [
        "Ingen ansøgere under 30 år.",
        "Vangede: ingen ansøgere.",
        "Ingen med kompetencen “Unge under 30 år”.",
    ]
    district = next(d for d in report.dimensions if d.key == "district")
    hellerup = next(r for r in district.rows if r.key == "Hellerup")
    # 7 of 10 applicants; 5,000 of 10,000 citizens.
    assert (hellerup.count, hellerup.share, hellerup.population_share) == (7, 0.7, 0.5)
    ages = next(d for d in report.dimensions if d.key == "age_population")
    # Adults only: 18–66 is 6,000 and 67+ 2,000 of 8,000 citizens.
    assert [(r.label, r.count, r.population_share) for r in ages.rows] == [
        ("18–66", 7, 0.75),
        ("67 og derover", 3, 0.25),
    ]


def test_report_flags_a_group_under_half_its_share_of_the_population(call, districts, age_groups):
    year = call.deadline.year
    for n in range(10):
        applied(
            call,
            districts,
            email=f"x{n}@example.org",
            birth_year=year - (25 if n < 9 else 70),
            district=districts["Hellerup"] if n else districts["Vangede"],
            competences=COMPETENCES,
        )
    gaps = breadth.report_for(call).gaps
    # Vangede: 1 of 10 applicants (10 %) against 3,000 of 10,000 citizens (30 %).
    assert "Vangede: 10 % af ansøgerne, 30 % af borgerne." in gaps
    # 67 and over: 1 of 10 (10 %) against 2,000 of 8,000 adults (25 %).
    assert "Alder 67 og derover: 10 % af ansøgerne, 25 % af borgerne." in gaps
    assert "Ordrup: ingen ansøgere." in gaps


def test_report_of_an_empty_pool_says_so(call, districts):
    report = breadth.report_for(call)
    assert report.total == 0
    assert report.gaps == ["Ingen har søgt endnu."]
