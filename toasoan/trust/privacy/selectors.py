"""What every app holds about one person (core.personal_data sources)."""

from dataclasses import dataclass

from toasoan.core import personal_data
from toasoan.core.personal_data import Holding, Person


@dataclass(frozen=True)
class SourceHolding:
    name: str
    label: str
    holding: Holding


def holdings(person: Person) -> list[SourceHolding]:
    return [SourceHolding(source.name, source.label, source.find(person)) for source in personal_data.sources()]


def total(found: list[SourceHolding]) -> int:
    return sum(item.holding.count for item in found)
