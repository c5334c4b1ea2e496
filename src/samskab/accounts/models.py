from typing import cast

import rules
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = cast("User", self.model(email=self.normalize_email(email).lower(), **extra))
        user.set_password(password)
        user.save(using=self._db)
        user.ensure_email_address()
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """An account, identified by email. Staff accounts are the secretariat.

    The person behind the account (council member, citizen, ...) is ``user.person``; roles
    follow from that person's memberships, so they cannot drift from the organisation.
    """

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("email"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []  # type: ignore[misc]

    objects = UserManager()  # type: ignore[misc,assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.email

    def has_perm(self, perm, obj=None):
        # The apps' permissions are rules predicates that say who *and when*: a superuser is
        # no exception to "when" (frozen terms stay frozen), so they are asked as they are.
        if rules.perm_exists(perm):
            return self.is_active and rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)

    @property
    def display_name(self):
        person = getattr(self, "person", None)
        return person.name if person else self.email

    def ensure_email_address(self):
        """The login's address as allauth's email record, made with the account.

        allauth's email page creates a missing record when it is visited, which would make a
        GET write; every way we make or change an account (this manager, the back office, the
        data set) makes it up front instead. allauth's own sign-up makes its own.
        """
        from allauth.account.models import EmailAddress

        if self.email and not EmailAddress.objects.filter(user=self, email=self.email).exists():
            has_primary = EmailAddress.objects.filter(user=self, primary=True).exists()
            EmailAddress.objects.create(
                user=self, email=self.email, primary=not has_primary, verified=False
            )


class ApiToken(models.Model):
    """A personal API token, named by its owner, who may hold several and revoke each.

    Only a SHA-256 digest of the key is stored: the key is shown once, when it is made. A fast
    hash is enough because keys are 256 random bits, not passwords someone could guess.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("account")
    )
    name = models.CharField(_("name"), max_length=100)  # services.NAME_LENGTH
    prefix = models.CharField(_("beginning of the key"), max_length=12)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="api_token_unique_name")
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"
