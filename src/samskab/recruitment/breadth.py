"""How broad a pool is: its spread by age, gender, district, background, channel and
competence, against the municipality's population and the competences the terms ask for.

``count(call)`` makes the figures (a few aggregate queries, whatever the pool's size) as plain
JSON-able data: the same figures are kept in ``Call.statistics`` when the applications are
erased, so a closed call's breadth survives its personal data. ``report(figures, …)`` turns
them into rows people read, with the gaps spelled out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import AgeGroup, Application, Background, ChannelKind, Gender


@dataclass(frozen=True)
class AgeBand:
    key: str
    label: object
    low: int | None
    high: int | None

    def contains(self, age):
        return (self.low is None or age >= self.low) and (self.high is None or age <= self.high)


AGE_BANDS = [
    AgeBand("u18", gettext_lazy("under 18"), None, 17),
    AgeBand("18-29", "18–29", 18, 29),
    AgeBand("30-49", "30–49", 30, 49),
    AgeBand("50-66", "50–66", 50, 66),
    AgeBand("67+", gettext_lazy("67 and over"), 67, None),
]
BAND_BY_KEY = {band.key: band for band in AGE_BANDS}
OUTSIDE = "outside"
UNKNOWN = ""
# Compared with the adult population: children are in the municipality's figures, but a call
# for a task committee is not meant for them.
ADULT = 18


def reference_year(call):
    """Ages are counted in the year of the deadline, the same for every applicant."""
    return call.deadline.year


def birth_years(band, year):
    """The birth years of an age band in a year, as (earliest, latest); None is open."""
    earliest = None if band.high is None else year - band.high
    latest = None if band.low is None else year - band.low
    return earliest, latest


def pool(call):
    return Application.objects.in_pool().filter(call=call)


def count(call):
    """The pool's figures by every dimension, as JSON-able data."""
    qs = pool(call)
    year = reference_year(call)

    def by(field):
        return {
            (key if key is not None else UNKNOWN): n
            for key, n in qs.order_by().values_list(field).annotate(n=Count("id"))
        }

    ages = by("birth_year")
    districts = {
        (name if name is not None else OUTSIDE): n
        for name, n in qs.order_by().values_list("district__name").annotate(n=Count("id"))
    }
    competences: dict[str, int] = dict.fromkeys(call.terms.competence_list, 0)
    for chosen in qs.values_list("competences", flat=True):
        for competence in chosen or []:
            if competence in competences:
                competences[competence] += 1
    age_counts = {band.key: 0 for band in AGE_BANDS}
    by_age: dict[int, int] = {}
    for birth_year, n in ages.items():
        if birth_year == UNKNOWN:
            continue
        age = year - int(birth_year)
        by_age[age] = by_age.get(age, 0) + n
        for band in AGE_BANDS:
            if band.contains(age):
                age_counts[band.key] += n
    population_ages = []
    municipality = _municipality()
    for group in AgeGroup.objects.filter(municipality=municipality) if municipality else []:
        population_ages.append(
            {
                "min": group.min_age,
                "max": group.max_age,
                "count": sum(
                    n
                    for age, n in by_age.items()
                    if age >= group.min_age and (group.max_age is None or age <= group.max_age)
                ),
            }
        )
    return {
        "year": year,
        "total": sum(ages.values()),
        "age": age_counts,
        "age_groups": population_ages,
        "gender": by("gender"),
        "district": districts,
        "background": by("background"),
        "channel": by("heard_via"),
        "competence": competences,
    }


def _municipality():
    from samskab.organisation.models import Municipality

    return Municipality.objects.order_by("pk").first()


# --- What people read ----------------------------------------------------------------------


@dataclass
class Row:
    key: str
    label: str
    count: int
    share: float  # of the pool, 0–1
    population: int | None = None
    population_share: float | None = None


@dataclass
class Dimension:
    key: str
    title: str
    rows: list[Row]
    compared: str = ""  # what the population column is, when there is one


@dataclass
class Report:
    total: int
    dimensions: list[Dimension]
    gaps: list[str] = field(default_factory=list)


def _share(n, total):
    return n / total if total else 0.0


def _percent(share):
    return f"{round(100 * share)} %"


def report(figures, *, districts, age_groups):
    """Rows and gaps from ``count``'s figures. ``districts`` are the municipality's (name,
    population) pairs and ``age_groups`` its ``AgeGroup`` rows, for the comparison."""
    total = figures.get("total", 0)
    dims: list[Dimension] = []
    gaps: list[str] = []

    # Age, in the pool's bands; then against the adult population's groups.
    age = figures.get("age", {})
    dims.append(
        Dimension(
            "age",
            _("Age"),
            [
                Row(b.key, str(b.label), age.get(b.key, 0), _share(age.get(b.key, 0), total))
                for b in AGE_BANDS
            ],
        )
    )
    if total:
        empty = [b for b in AGE_BANDS[1:] if not age.get(b.key, 0)]
        young = []
        for band in AGE_BANDS:
            if age.get(band.key, 0):
                break
            young.append(band)
        if len(young) >= 2:
            gaps.append(
                _("No applicant under %(age)s.") % {"age": young[-1].high + 1}  # type: ignore[operator]
            )
            empty = [b for b in empty if b not in young]
        for band in empty:
            if band.high is None:
                gaps.append(_("No applicant aged %(age)s or over.") % {"age": band.low})
            else:
                gaps.append(_("No applicant aged %(band)s.") % {"band": band.label})
    adult_groups = [g for g in age_groups if g.max_age is None or g.max_age >= ADULT]
    if adult_groups:
        pool_groups = {(g["min"], g["max"]): g["count"] for g in figures.get("age_groups", [])}
        people = sum(g.population for g in adult_groups)
        counted = sum(pool_groups.get((g.min_age, g.max_age), 0) for g in adult_groups)
        rows = []
        for group in adult_groups:
            n = pool_groups.get((group.min_age, group.max_age), 0)
            row = Row(
                f"{group.min_age}",
                str(group),
                n,
                _share(n, counted),
                group.population,
                _share(group.population, people),
            )
            rows.append(row)
            _compare(gaps, row, counted, _("Aged %(group)s") % {"group": row.label})
        dims.append(
            Dimension(
                "age_population",
                _("Age against the adult population"),
                rows,
                compared=_("citizens"),
            )
        )

    gender = figures.get("gender", {})
    rows = [
        Row(value, str(label), gender.get(value, 0), _share(gender.get(value, 0), total))
        for value, label in Gender.choices
    ]
    rows.append(
        Row(
            UNKNOWN,
            _("not answered"),
            gender.get(UNKNOWN, 0),
            _share(gender.get(UNKNOWN, 0), total),
        )
    )
    dims.append(Dimension("gender", _("Gender"), rows))
    if total >= 5:
        if not gender.get(Gender.WOMAN, 0):
            gaps.append(_("No women applied."))
        if not gender.get(Gender.MAN, 0):
            gaps.append(_("No men applied."))

    # Districts against the population.
    in_pool = figures.get("district", {})
    people = sum(p or 0 for _n, p in districts)
    rows = []
    for name, population in districts:
        n = in_pool.get(name, 0)
        row = Row(
            name,
            name,
            n,
            _share(n, total),
            population,
            _share(population, people) if population is not None and people else None,
        )
        rows.append(row)
        if total and not n:
            gaps.append(_("%(district)s: no applicant.") % {"district": name})
        else:
            _compare(gaps, row, total, name)
    n = in_pool.get(OUTSIDE, 0)
    rows.append(Row(OUTSIDE, _("outside the municipality"), n, _share(n, total)))
    dims.append(Dimension("district", _("District"), rows, compared=_("citizens")))

    background = figures.get("background", {})
    dims.append(
        Dimension(
            "background",
            _("Background"),
            [
                Row(v, str(label), background.get(v, 0), _share(background.get(v, 0), total))
                for v, label in Background.choices
            ],
        )
    )

    channel = figures.get("channel", {})
    rows = [
        Row(v, str(label), channel.get(v, 0), _share(channel.get(v, 0), total))
        for v, label in ChannelKind.choices
    ]
    rows.append(
        Row(
            UNKNOWN,
            _("not answered"),
            channel.get(UNKNOWN, 0),
            _share(channel.get(UNKNOWN, 0), total),
        )
    )
    dims.append(Dimension("channel", _("Heard of the call through"), rows))

    competence = figures.get("competence", {})
    rows = [Row(c, c, n, _share(n, total)) for c, n in competence.items()]
    dims.append(Dimension("competence", _("Competences the terms ask for"), rows))
    if total:
        for c, n in competence.items():
            if not n:
                gaps.append(_("No one with the competence “%(competence)s”.") % {"competence": c})
    if not total:
        gaps.insert(0, _("Nobody has applied yet."))
    return Report(total, dims, gaps)


def _compare(gaps, row, total, label):
    """A group clearly under-represented: under half its share of the population (judged only
    once the pool has ten applicants, below which shares say little)."""
    if total < 10 or row.population_share is None or not row.population_share:
        return
    if row.share < row.population_share / 2:
        gaps.append(
            _("%(label)s: %(pool)s of the applicants, %(people)s of the citizens.")
            % {
                "label": label,
                "pool": _percent(row.share),
                "people": _percent(row.population_share),
            }
        )


def for_call(call):
    """The figures to show for a call: live while the applications exist, else those kept."""
    if call.anonymised_at is not None:
        return call.statistics
    return count(call)


def report_for(call):
    from samskab.organisation.models import District

    municipality = _municipality()
    districts = (
        list(District.objects.filter(municipality=municipality).values_list("name", "population"))
        if municipality
        else []
    )
    groups = list(AgeGroup.objects.filter(municipality=municipality)) if municipality else []
    return report(for_call(call), districts=districts, age_groups=groups)
