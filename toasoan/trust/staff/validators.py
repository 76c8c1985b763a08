"""Password rules added to Django's (length 12, similarity, common, numeric): variety and words
everyone here would guess. Messages in Vietnamese. A check against breached-password lists
(Have I Been Pwned) needs the network: out of reach for an offline install."""

import re

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from toasoan.core.vietnamese import fold

_CLASSES = (str.islower, str.isupper, str.isdigit, lambda ch: not ch.isalnum())

# Words an attacker tries first on a Vietnamese agency's admin: the product, the role, the word
# "password" in both languages, and the Vietnamese favourites missing from Django's English list.
GUESSABLE_WORDS = (
    "matkhau",
    "password",
    "toasoan",
    "quantri",
    "quantrivien",
    "admin",
    "administrator",
    "wagtail",
    "anhyeuem",
    "emyeuanh",
    "iloveyou",
    "vietnam",
    "qwerty",
    "abc",
    "123",
)


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, in Vietnamese: Django 5.2 changed this message's msgid and its Vietnamese
    catalogue still has the old one, so the admin showed it in English."""

    def get_error_message(self) -> str:
        return f"Mật khẩu quá ngắn: cần ít nhất {self.min_length} ký tự."

    def get_help_text(self) -> str:
        return f"Mật khẩu phải có ít nhất {self.min_length} ký tự."


class CharacterVarietyValidator:
    """At least `min_classes` of: lower case, upper case, digits, symbols; a passphrase of
    `passphrase_length` characters or more needs no variety. Also refuses a password made of a
    few characters repeated."""

    def __init__(self, min_classes: int = 3, passphrase_length: int = 20, min_distinct: int = 6):
        self.min_classes, self.passphrase_length, self.min_distinct = min_classes, passphrase_length, min_distinct

    def validate(self, password: str, user=None) -> None:
        if len(set(password)) < self.min_distinct:
            raise ValidationError(
                f"Mật khẩu lặp lại quá nhiều: cần ít nhất {self.min_distinct} ký tự khác nhau.",
                code="password_too_repetitive",
            )
        if len(password) >= self.passphrase_length:
            return
        classes = sum(any(test(ch) for ch in password) for test in _CLASSES)
        if classes < self.min_classes:
            raise ValidationError(self._rule(), code="password_too_plain")

    def _rule(self) -> str:
        return (
            f"Mật khẩu phải có ít nhất {self.min_classes} trong 4 loại ký tự: chữ thường, chữ hoa, chữ số, "
            f"ký hiệu (hoặc là một cụm từ dài từ {self.passphrase_length} ký tự trở lên)."
        )

    def get_help_text(self) -> str:
        return self._rule()


class GuessableWordsValidator:
    """Refuses a password that is mostly the site's name or a guessable word with a few digits
    or symbols around it ("Matkhau@2024", "Toasoan#123"): what is left once those words are
    removed must still be `min_rest` characters long."""

    def __init__(self, min_rest: int = 8):
        self.min_rest = min_rest

    def _words(self) -> list[str]:
        site = re.sub(r"[^a-z0-9]", "", fold(getattr(settings, "WAGTAIL_SITE_NAME", "")).lower())
        return sorted({*GUESSABLE_WORDS, *([site] if len(site) >= 3 else [])}, key=len, reverse=True)

    def validate(self, password: str, user=None) -> None:
        rest = re.sub(r"[^a-z0-9]", "", fold(password).lower())
        for word in self._words():
            rest = rest.replace(word, "")
        rest = re.sub(r"(\d)\1+|0123456789|1234567890", "", rest)  # runs of digits add nothing
        if len(rest) < self.min_rest:
            raise ValidationError(
                "Mật khẩu chủ yếu là từ dễ đoán (như “mật khẩu”, “quản trị”, “admin”, tên trang) "
                "ghép với vài chữ số hay ký hiệu. Hãy chọn mật khẩu khác.",
                code="password_guessable",
            )

    def get_help_text(self) -> str:
        return "Mật khẩu không được chủ yếu là từ dễ đoán như “mật khẩu”, “quản trị”, “admin” hay tên trang."
