"""The choice of life domains in the omgekeerde intake: the person picks the parts of life
that matter, the intake asks only about those (their dreams and questions), and what the
story already told about life now is not asked again."""

from __future__ import annotations

from actions.intake import ValidateIntakeForm
from actions.plan_summary import story_summary
from bot.intake_catalogue import DOMAINS
from tests.actions.conftest import load_tracker, run_action, saved_state, stored_answers, user

ALL = ",".join(DOMAINS)
# The saved intake at its story's "Klopt dit?", moved back to the choice of life domains.
AT_THE_CHOICE = {
    "life_domains": None,
    "life_domains_more": None,
    "requested_slot": "life_domains",
    "dream_wonen": None,
    "dream_werk": None,
    "dream_vrije_tijd": None,
    "dream_relaties": None,
    "dream_leren": None,
}
# hard_now of the saved intake: "Papieren invullen en alleen de bus nemen."
HARD_NOW = saved_state("intake_asks_story_confirmed")["slots"]["hard_now"]


async def answer(said: dict, **slots):
    tracker = load_tracker(
        "intake_asks_story_confirmed", said, extracted={}, slots={**AT_THE_CHOICE, **slots}
    )
    return await run_action(ValidateIntakeForm(), tracker)


def choice(value: str) -> dict:
    return user(f'/inform{{"choice": "{value}"}}', "inform", {"choice": value})


def plan_id() -> str:
    return saved_state("intake_asks_story_confirmed")["stored_plan"]["id"]


async def test_typed_domains_are_chosen_and_only_their_dreams_are_asked():
    turn = await answer(user("over wonen en mijn werk", "inform"))

    assert turn.slots == {
        "life_domains": "wonen,dagbesteding",
        "life_domains_more": "nee",
        "requested_slot": "dreams",
    }
    assert stored_answers(plan_id())["life_domains"] == "wonen,dagbesteding"

    required = await ValidateIntakeForm().required_slots(
        [], None, load_tracker("intake_asks_story_confirmed", slots=turn.slots), {}
    )
    assert [s for s in required if s.startswith("dream_")] == [
        "dream_wonen",
        "dream_werk",
        "dream_leren",
    ]
    domain_questions = [s for s in required if s.split("_")[0] in ("vrije", "huishouden")]
    assert domain_questions == []  # not chosen: never asked
    assert "wonen_now" in required and "dagbesteding_wish" in required


async def test_a_domain_the_story_already_told_about_is_not_asked_how_it_goes_now():
    turn = await answer(user("huishouden en vrije tijd", "inform"))

    # "Papieren invullen en alleen de bus nemen." is about the household (de papieren).
    assert turn.slots["huishouden_now"] == HARD_NOW
    assert "vrije_tijd_now" not in turn.slots
    assert stored_answers(plan_id())["huishouden_now"] == HARD_NOW


async def test_before_that_domains_wish_the_story_is_quoted():
    tracker = load_tracker(
        "intake_asks_story_confirmed",
        user("neen, dat is alles", "deny"),
        extracted={},
        slots={
            "life_domains": "huishouden",
            "huishouden_now": HARD_NOW,
            "requested_slot": "member_more",
            "member_more": None,
        },
    )

    turn = await run_action(ValidateIntakeForm(), tracker)

    assert turn.slots["requested_slot"] == "huishouden_wish"
    assert turn.texts == [
        "Nu praten we over de delen die je koos, een voor een.",
        f"Over huishouden en administratie zei je al: '{HARD_NOW}'. Dat vraag ik dus niet meer.",
    ]


async def test_everything_asks_every_domain_and_its_dreams():
    turn = await answer(user("alles", "inform"))

    assert turn.slots["life_domains"] == ALL
    assert turn.slots["requested_slot"] == "dreams"
    # The bus is mobility, the papers the household: both told by the story already.
    assert turn.slots["mobiliteit_now"] == HARD_NOW == turn.slots["huishouden_now"]


async def test_a_skip_talks_about_every_domain():
    turn = await answer(user("/skip", "skip"))

    assert turn.slots["life_domains"] == ALL
    assert turn.slots["life_domains_more"] == "nee"


async def test_a_button_asks_for_another_domain_until_no():
    first = await answer(choice("wonen"))
    assert first.slots == {
        "life_domains": "wonen",
        "life_domains_more": None,
        "requested_slot": "life_domains_more",
    }

    second = await answer(
        choice("relaties"), life_domains="wonen", requested_slot="life_domains_more"
    )
    assert second.slots == {
        "life_domains": "wonen,relaties",
        "life_domains_more": None,
        "requested_slot": "life_domains_more",
    }

    done = await answer(
        user("/deny", "deny"), life_domains="wonen,relaties", requested_slot="life_domains_more"
    )
    assert done.slots == {"life_domains_more": "nee", "requested_slot": "dreams"}


async def test_an_answer_that_names_no_domain_is_asked_again_kindly():
    turn = await answer(user("tja geen idee wat je bedoelt", "inform"))

    assert turn.slots == {"life_domains": None, "requested_slot": "life_domains"}
    assert turn.texts == [
        "Welk deel bedoel je? Typ bijvoorbeeld 'wonen' of 'werk'. Of kies een knop."
    ]


async def test_a_list_of_domains_the_classifier_read_as_a_change_is_still_the_choice():
    # The model of 2026-12-01 read this list as change_answer (0.96).
    said = user("wonen, werk, vrije tijd, relaties, zelfzorg en huishouden", "change_answer")

    turn = await answer(said)

    chosen = "wonen,dagbesteding,vrije_tijd,relaties,zelfzorg,huishouden"
    assert turn.slots["life_domains"] == chosen


async def test_a_real_change_request_at_the_choice_still_changes_an_answer():
    turn = await answer(user("ik wil mijn antwoord over een goede dag aanpassen", "change_answer"))

    assert "life_domains" not in turn.slots or turn.slots["life_domains"] is None


def test_the_story_summary_names_the_chosen_domains_only_when_not_all():
    story = {"good_day": "Uitslapen."}
    assert story_summary({**story, "life_domains": "wonen,huishouden"}).splitlines() == [
        "Dit heb ik onthouden:",
        "- Een goede dag: Uitslapen.",
        "- We praten over: Wonen, Huishouden en administratie",
    ]
    assert "We praten over" not in story_summary({**story, "life_domains": ALL})


# --- one open question about dreams -------------------------------------------------------------

AT_THE_DREAMS = {
    "life_domains": "wonen,dagbesteding,vrije_tijd",
    "life_domains_more": "nee",
    "requested_slot": "dreams",
    "dreams": None,
}


async def test_one_answer_about_dreams_fills_the_dreams_of_the_chosen_domains():
    turn = await answer(
        user("een studio in Gent, werken in een atelier en elke week zwemmen", "inform"),
        **AT_THE_DREAMS,
    )

    assert turn.slots["dream_wonen"] == "een studio in Gent"
    assert turn.slots["dream_werk"] == "werken in een atelier"
    assert turn.slots["dream_vrije_tijd"] == "elke week zwemmen"
    # Learning belongs to dagbesteding too; not named, so not told (as a skip), not asked.
    assert turn.slots["dream_leren"] == "onbekend"
    assert turn.slots["dreams"] == "per deel verteld"
    assert not turn.slots["requested_slot"].startswith("dream")
    assert stored_answers(plan_id())["dream_werk"] == "werken in een atelier"


async def test_a_dream_that_names_no_life_domain_is_kept_and_they_are_asked_one_by_one():
    turn = await answer(user("gewoon gelukkig zijn", "inform"), **AT_THE_DREAMS)

    assert turn.texts == ["Dank je. Ik vraag het nog even per onderwerp."]
    assert turn.slots["dreams"] == "gewoon gelukkig zijn"
    assert turn.slots["requested_slot"] == "dream_wonen"
    # The plan and the summary show it as it was told.
    summary = story_summary({**turn.slots, "good_day": "zwemmen"})
    assert "- Dromen: gewoon gelukkig zijn" in summary


async def test_weet_ik_niet_to_the_dreams_skips_them_all():
    turn = await answer(user("/skip", "skip"), **AT_THE_DREAMS)

    dreams = ("dream_wonen", "dream_werk", "dream_vrije_tijd", "dream_leren")
    assert {slot: turn.slots[slot] for slot in dreams} == dict.fromkeys(dreams, "onbekend")
    assert turn.slots["dreams"] == "onbekend"
    assert not turn.slots["requested_slot"].startswith("dream")
