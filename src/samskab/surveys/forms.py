"""Parse the survey pages' input; the rules themselves are the services' (services.py)."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.taskcommittees.lifecycle import State

from . import services
from .models import (
    AGREEMENT_CHOICES,
    SCALE_VALUES,
    AskedOf,
    Headline,
    Kind,
    QuestionSet,
    RoundKind,
)

# The design system draws its own radio buttons and check boxes for inputs with these classes.
RADIO = forms.RadioSelect(attrs={"class": "form-radio"})
CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"})


class DateInput(forms.DateInput):
    """A date typed the way the language writes it (Danish: 31.12.2026)."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})


class OpenRoundForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Task committee"), queryset=QuestionSet.objects.none())
    question_set = forms.ModelChoiceField(
        label=_("Question set"), queryset=QuestionSet.objects.none()
    )
    kind = forms.ChoiceField(
        label=_("Kind of round"),
        choices=RoundKind.choices,
        widget=RADIO,
        initial=RoundKind.EVALUATION,
        help_text=_("A pulse after a meeting uses a short question set."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Left empty: “Evaluation of” and the committee's name."),
    )
    closes_on = forms.DateField(
        label=_("Last day to answer"),
        widget=DateInput,
        help_text=_("For example 31.3.2026. Answers are taken until the end of the day."),
    )
    remind_days = forms.IntegerField(
        label=_("Reminder, days before the last day"),
        min_value=0,
        max_value=services.MAX_REMIND_DAYS,
        initial=3,
        help_text=_("0: no reminder. The reminder goes only to those who have not answered."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["body"]).queryset = services.task_committees()
        cast(
            forms.ModelChoiceField, self.fields["question_set"]
        ).queryset = QuestionSet.objects.order_by("family", "-version")


class PulseForm(forms.Form):
    """A pulse after one meeting: the committee and the kind follow from the meeting."""

    question_set = forms.ModelChoiceField(
        label=_("Question set"),
        queryset=QuestionSet.objects.none(),
        help_text=_("A pulse after a meeting uses a short question set."),
    )
    closes_on = forms.DateField(
        label=_("Last day to answer"),
        widget=DateInput,
        help_text=_("For example 31.3.2026. Answers are taken until the end of the day."),
    )
    remind_days = forms.IntegerField(
        label=_("Reminder, days before the last day"),
        min_value=0,
        max_value=services.MAX_REMIND_DAYS,
        initial=2,
        help_text=_("0: no reminder. The reminder goes only to those who have not answered."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["question_set"]
        ).queryset = QuestionSet.objects.order_by("family", "-version")


class AnswerForm(forms.Form):
    """One field per question asked of the member's group, named ``q<id>``."""

    def __init__(self, questions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            self.fields[f"q{q.pk}"] = _field(q)

    def raw(self):
        """Question id → what was chosen or typed, for the service to validate."""
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}


def _field(q):
    common = {"label": q.text, "required": False}
    if q.kind == Kind.AGREEMENT:
        return forms.ChoiceField(
            choices=[(str(v), label) for v, label in AGREEMENT_CHOICES],
            widget=RADIO,
            **common,
        )
    if q.kind == Kind.SCALE:
        return forms.ChoiceField(
            choices=[(str(v), str(v)) for v in SCALE_VALUES],
            widget=RADIO,
            help_text=_("0 is the lowest, 10 the highest."),
            **common,
        )
    if q.kind == Kind.SINGLE:
        return forms.ChoiceField(
            choices=[(str(i), o) for i, o in enumerate(q.option_list())],
            widget=RADIO,
            **common,
        )
    if q.kind == Kind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=[(str(i), o) for i, o in enumerate(q.option_list())],
            widget=CHECKBOXES,
            help_text=_("Choose as many as you like."),
            **common,
        )
    return forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=services.MAX_TEXT,
        help_text=_("Please do not write names: the secretariat removes them before publishing."),
        **common,
    )


class QuestionSetForm(forms.Form):
    family = forms.SlugField(
        label=_("Short name"),
        max_length=60,
        help_text=_("Lower-case letters, digits and hyphens; the same for every version."),
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Introduction"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Shown above the questions."),
    )


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=500)
    key = forms.SlugField(
        label=_("Short name"),
        max_length=60,
        help_text=_("Names the question in exports, e.g. 'solutions'."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    asked_of = forms.ChoiceField(label=_("Asked of"), choices=AskedOf.choices)
    options = forms.CharField(
        label=_("Options"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("For single and multiple choice: one per line."),
    )
    headline = forms.ChoiceField(
        label=_("Headline figure"),
        choices=Headline.choices,
        initial=Headline.AGREE,
        help_text=_(
            "For agreement: the share that sums the question up. “Disagree” suits a "
            "question worded negatively, e.g. “It was hard to follow”."
        ),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)


class AutomaticRoundForm(forms.Form):
    state = forms.ChoiceField(label=_("When a task committee reaches"), choices=State.choices)
    question_set = forms.ModelChoiceField(
        label=_("Question set"), queryset=QuestionSet.objects.none()
    )
    days_open = forms.IntegerField(
        label=_("Days open"), min_value=1, max_value=services.MAX_DAYS_OPEN, initial=21
    )
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["question_set"]
        ).queryset = QuestionSet.objects.order_by("family", "-version")


class TextForm(forms.Form):
    text = forms.CharField(
        label=_("Text to publish"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=services.MAX_TEXT,
    )
    publish = forms.BooleanField(label=_("Published"), required=False)


class ComparisonForm(forms.Form):
    question = forms.ModelChoiceField(label=_("Question"), queryset=QuestionSet.objects.none())
    first_year = forms.IntegerField(
        label=_("From year"), min_value=1900, max_value=2200, required=False
    )
    last_year = forms.IntegerField(
        label=_("To year"), min_value=1900, max_value=2200, required=False
    )

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        question = cast(forms.ModelChoiceField, self.fields["question"])
        question.queryset = questions
        # Django documents overriding label_from_instance per field instance; the stubs see
        # only the method.
        question.label_from_instance = lambda q: (  # type: ignore[method-assign,assignment]
            f"{q.question_set.name} (v{q.question_set.version}): {q.text}"
        )

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean() returns cleaned_data; the stubs allow None
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and last < first:
            self.add_error("last_year", _("The last year cannot be before the first."))
        return data
