"""SQLAlchemy models of the knowledge base (SQLAlchemy 1.4, written in the 2.0 style).

Every fact-bearing table has `source_url`, `source_citation`, `other_sources`, `checked_on`
and `status` (`verified` or `uncertain`) through `SourcedMixin`; of `source_url` and
`source_citation` a row has exactly one (the loader sees to that). The database is rebuilt
from the files in knowledge/data/ by `python -m knowledge build`; nothing writes to it at run
time except the provider importer.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import declarative_base, relationship

# Any: SQLAlchemy 1.4 has no type information, and mypy accepts only a typed base class.
Base: Any = declarative_base()

STATUSES = ("verified", "uncertain")


class SourcedMixin:
    """Where a record comes from and how sure we are of it."""

    __tablename__: str  # set by every model that uses the mixin

    source_url = Column(String(500), nullable=True)  # None: the source has no public page
    # A plain-text citation (title, organiser, date) of a source without a public page.
    source_citation = Column(Text, nullable=True)
    other_sources = Column(JSON, nullable=False, default=list)
    checked_on = Column(Date, nullable=False)
    status = Column(String(20), nullable=False)

    @property
    def uncertain(self) -> bool:
        return self.status == "uncertain"

    def is_stale(self, today: date, max_age_days: int) -> bool:
        return (today - self.checked_on).days > max_age_days


class Province(SourcedMixin, Base):
    __tablename__ = "provinces"

    id = Column(String(40), primary_key=True)
    name = Column(String(100), nullable=False, unique=True)

    municipalities = relationship("Municipality", back_populates="province")


class Municipality(SourcedMixin, Base):
    __tablename__ = "municipalities"

    refnis = Column(String(5), primary_key=True)
    name = Column(String(100), nullable=False, unique=True)
    name_fr = Column(String(100), nullable=False)
    # Lower case without accents, for matching free text.
    folded_name = Column(String(100), nullable=False, index=True)
    province_id = Column(ForeignKey("provinces.id"), nullable=True)  # None: Brussels
    region = Column(String(60), nullable=False)

    province = relationship("Province", back_populates="municipalities")
    postcodes = relationship("Postcode", back_populates="municipality")

    @property
    def in_brussels(self) -> bool:
        return self.province_id is None


class Postcode(Base):
    """A postcode of a municipality; one postcode may belong to several (e.g. 1050)."""

    __tablename__ = "postcodes"

    code = Column(String(4), primary_key=True)
    municipality_refnis = Column(ForeignKey("municipalities.refnis"), primary_key=True)

    municipality = relationship("Municipality", back_populates="postcodes")


class PriorityGroup(SourcedMixin, Base):
    __tablename__ = "priority_groups"

    id = Column(String(20), primary_key=True)
    name = Column(String(100), nullable=False)
    description = Column(Text, nullable=False)
    criteria = Column(JSON, nullable=False, default=list)


class AutomaticGrant(SourcedMixin, Base):
    __tablename__ = "automatic_grants"

    id = Column(String(40), primary_key=True)
    name = Column(String(200), nullable=False)
    description = Column(Text, nullable=False)


class Right(SourcedMixin, Base):
    """A right or support form (PVB, zorgbudget, RTH, IMB, zorgtoeslag, …)."""

    __tablename__ = "rights"

    id = Column(String(40), primary_key=True)
    name = Column(String(200), nullable=False)
    abbreviation = Column(String(20), nullable=True)
    kind = Column(String(20), nullable=False)
    summary = Column(Text, nullable=False)
    who = Column(Text, nullable=False)
    min_age = Column(Integer, nullable=True)
    max_age = Column(Integer, nullable=True)
    first_request_before_age = Column(Integer, nullable=True)
    # True: someone the VAPH already recognised can still use it after that age.
    open_after_age_if_recognised = Column(Boolean, nullable=False, default=False)
    exceptional_max_age = Column(Integer, nullable=True)  # even an exception stops here
    # Plain sentences naming the only groups that still get it new; empty: not limited.
    new_grants_only_for = Column(JSON, nullable=False, default=list)
    residence = Column(String(30), nullable=True)  # None: the source does not say
    recognition = Column(String(20), nullable=True)  # None: the source does not say
    minors_only = Column(Boolean, nullable=False, default=False)
    # True: only for someone who already has a budget (PVB or PAB), such as a
    # bijstandsorganisatie's help.
    budget_holders_only = Column(Boolean, nullable=False, default=False)
    help_kinds = Column(JSON, nullable=False, default=list)
    how_to_apply = Column(Text, nullable=False)
    # The same way in makkelijke taal, a sentence a line; None: not written (then how_to_apply).
    how_to_apply_eenvoudig = Column(Text, nullable=True)
    where = Column(JSON, nullable=False, default=list)  # ids of services

    amounts = relationship("Amount", back_populates="right", order_by="Amount.position")


class Amount(SourcedMixin, Base):
    """An amount or limit of a right, with the year it applies to."""

    __tablename__ = "amounts"
    __table_args__ = (UniqueConstraint("right_id", "key"),)

    id = Column(Integer, primary_key=True)
    right_id = Column(ForeignKey("rights.id"), nullable=False)
    key = Column(String(40), nullable=False)
    position = Column(Integer, nullable=False)
    text = Column(String(300), nullable=False)
    value = Column(Float, nullable=True)
    year = Column(Integer, nullable=True)
    money = Column(Boolean, nullable=False, default=False)  # else a time, count or score
    eenvoudig = Column(String(300), nullable=True)  # the wording for eenvoudig texts

    right = relationship("Right", back_populates="amounts")

    def spoken(self, level: str = "gewoon") -> str:
        """How the assistant says it at `level`.

        Gewoon: the text, with the year when it is known: "300 euro per maand (bedrag van
        2019)". Eenvoudig: the eenvoudig wording alone; the year follows in a sentence of its
        own, `year_note()`, since brackets do not belong in "makkelijk lezen"."""
        if level == "eenvoudig":
            return self.eenvoudig or self.text
        if not self.year:
            return self.text
        return f"{self.text} ({self._label} van {self.year})"

    def year_note(self) -> str | None:
        """The year as a sentence of its own, for eenvoudig texts: Dat bedrag is van 2019."""
        return f"Dat {self._label} is van {self.year}." if self.year else None

    @property
    def _label(self) -> str:
        return "bedrag" if self.money else "cijfer"


class Service(SourcedMixin, Base):
    """A service to contact: VAPH, DOP, bijstandsorganisatie, OCMW/sociaal huis, CAW, …"""

    __tablename__ = "services"

    id = Column(String(60), primary_key=True)
    kind = Column(String(40), nullable=False)
    name = Column(String(200), nullable=False)
    description = Column(Text, nullable=False)
    province_id = Column(ForeignKey("provinces.id"), nullable=True)  # None: everywhere
    address = Column(String(200), nullable=True)
    postcode = Column(String(4), nullable=True)
    municipality_refnis = Column(ForeignKey("municipalities.refnis"), nullable=True)
    phone = Column(String(40), nullable=True)
    email = Column(String(200), nullable=True)
    website = Column(String(300), nullable=True)

    province = relationship("Province")
    municipality = relationship("Municipality")


class SupportType(SourcedMixin, Base):
    __tablename__ = "support_types"

    id = Column(String(60), primary_key=True)
    name = Column(String(200), nullable=False)
    synonyms = Column(JSON, nullable=False, default=list)


class TargetGroup(SourcedMixin, Base):
    __tablename__ = "target_groups"

    id = Column(String(60), primary_key=True)
    name = Column(String(200), nullable=False)
    synonyms = Column(JSON, nullable=False, default=list)


provider_support_types = Table(
    "provider_support_types",
    Base.metadata,
    Column("provider_id", ForeignKey("providers.id", ondelete="CASCADE"), primary_key=True),
    Column("support_type_id", ForeignKey("support_types.id"), primary_key=True),
    Index("ix_provider_support_types_type", "support_type_id", "provider_id"),
)

provider_target_groups = Table(
    "provider_target_groups",
    Base.metadata,
    Column("provider_id", ForeignKey("providers.id", ondelete="CASCADE"), primary_key=True),
    Column("target_group_id", ForeignKey("target_groups.id"), primary_key=True),
    Index("ix_provider_target_groups_group", "target_group_id", "provider_id"),
)


class Provider(SourcedMixin, Base):
    """A provider of support; `demo` marks the demonstration data set (not real)."""

    __tablename__ = "providers"

    id = Column(String(60), primary_key=True)
    name = Column(String(300), nullable=False)
    licensed = Column(Boolean, nullable=False)  # vergunde zorgaanbieder (VZA)
    address = Column(String(200), nullable=True)
    postcode = Column(String(4), nullable=True)
    municipality_refnis = Column(ForeignKey("municipalities.refnis"), nullable=False)
    province_id = Column(ForeignKey("provinces.id"), nullable=True)  # copied for searching
    phone = Column(String(40), nullable=True)
    email = Column(String(200), nullable=True)
    website = Column(String(300), nullable=True)
    demo = Column(Boolean, nullable=False, default=False)

    municipality = relationship("Municipality")
    support_types = relationship("SupportType", secondary=provider_support_types)
    target_groups = relationship("TargetGroup", secondary=provider_target_groups)

    __table_args__ = (
        Index("ix_providers_municipality", "municipality_refnis", "name"),
        Index("ix_providers_province", "province_id", "name"),
        # Lets SQLite count a province's matches from the index alone (provider search).
        Index(
            "ix_providers_search", "province_id", "municipality_refnis", "licensed", "name", "id"
        ),
    )


class Statement(SourcedMixin, Base):
    """A fact told in words (statements.yml), at both reading levels; FAQ texts use it
    through `{ID.text}`."""

    __tablename__ = "statements"

    id = Column(String(80), primary_key=True)
    gewoon = Column(Text, nullable=False)
    eenvoudig = Column(Text, nullable=False)

    def wording(self, level: str) -> str:
        return str(self.eenvoudig if level == "eenvoudig" else self.gewoon)


class FaqAnswer(Base):
    """The answer to one FAQ topic at one reading level, with its facts filled in."""

    __tablename__ = "faq_answers"

    topic = Column(String(60), primary_key=True)
    level = Column(String(20), primary_key=True)  # gewoon | eenvoudig
    # The topic as a short question, the same at both levels: a button's title when the
    # assistant asks which of two topics was meant (actions/faq.py).
    title = Column(String(80), nullable=False)
    text = Column(Text, nullable=False)
    uses = Column(JSON, nullable=False, default=list)  # ids of the records it tells
    uncertain = Column(Boolean, nullable=False, default=False)
