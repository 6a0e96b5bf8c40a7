"""The omgekeerde intake as one Rasa form (intake_form): consent, the story, the network,
the life domains, urgency and spending. Every answer is stored as soon as it is given.

The order of the questions is in actions/intake_flow.py, reading an answer in
actions/intake_answers.py, the storage in bot/storage/.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions import intake_answers as read
from actions import intake_flow as flow
from actions.form_switch import INTAKE, requested_switch
from actions.plan_summary import plan_url, story_summary, who_words, wishes_summary
from actions.who_is_talking import (
    answer_chat_for_me,
    self_introduction,
    speaker_answer,
    speaker_from_request,
    speaker_slots,
)
from bot.config import load_settings
from bot.intake_catalogue import (
    ALL_DOMAINS,
    CHOSEN_DOMAINS_SLOT,
    CONSENT_TEXT_VERSION,
    DOMAINS,
    DREAM_TOPICS,
    DREAMS_SLOT,
    MEMBER_SLOTS,
    MORE_DOMAINS_SLOT,
    NEEDED,
    SKIPPED,
    TOLD_PER_DOMAIN,
    chosen_domains,
    chosen_dreams,
    domain_slot,
)
from bot.storage import db, plans

# Intents that interrupt a question instead of answering it (data/rules/intake.yml). A FAQ
# topic only interrupts when it is asked as a question (interrupts() below).
INTERRUPTIONS = {
    "crisis", "stop", "request_human", "simpler_language", "normal_language",
    "change_answer", "show_plan", "pause", "resume", "show_my_data", "delete_my_data",
    "start_intake", "new_plan_link", "extend_plan_link", "unlink_conversation",
}  # fmt: skip
# The questions about the person where a request for the provider search or the check is
# no answer ("ik zoek woonondersteuning in Gent" as a good day): there it offers to switch
# (actions/form_switch.py). Not at the dreams and the life domains' questions, whose
# answers name wished support ("iemand die helpt met wonen" reads as a provider search).
SWITCH_SLOTS = ("consent", "plan_name", *flow.STORY_BEFORE_CHOICE)
YES_NO_SLOTS = ("story_confirmed", "plan_confirmed")
SPEAKER_INTENTS = {"identify_as_person": "person", "identify_as_network": "network"}
CHOICE_SLOTS = (CHOSEN_DOMAINS_SLOT, MORE_DOMAINS_SLOT)
# Tells the web chat page to keep this conversation's id (bot/web/static/chat.js).
REMEMBER_CONVERSATION = {"wegwijzer": {"remember_conversation": True}}


def typed_text(tracker: Tracker) -> str:
    """The latest message as typed; a button payload ("/skip") has no text."""
    text = ((tracker.latest_message or {}).get("text") or "").strip()
    return "" if text.startswith("/") else text


def interrupts(tracker: Tracker) -> bool:
    intent = answers.latest_intent(tracker)
    text = (tracker.latest_message or {}).get("text") or ""
    if read.asks_about_the_question(text) or read.asks_how_far(text):
        # "wat bedoel je daarmee", "hoeveel vragen zijn er nog": answered, then asked again
        return False
    if intent == "faq":
        return read.is_question(text)
    if intent == "change_answer" and tracker.get_slot("requested_slot") in CHOICE_SLOTS:
        # "wonen, werk en vrije tijd" names domains like a change request does.
        return bool(read.CHANGE_WORDS.search(text))
    if requested_switch(tracker, INTAKE):
        return tracker.get_slot("requested_slot") in SWITCH_SLOTS and read.is_request(text)
    return intent in INTERRUPTIONS


def clear_topic(topic: str) -> dict[str, Any]:
    """Slots to ask again for a TOPICS key, and the "Klopt dit?" at the end."""
    slots = dict.fromkeys(read.TOPICS[topic][1])
    if topic == "network":
        slots["network_count"] = 0.0
    slots["plan_confirmed"] = None
    return slots


class IntakeAnswer:
    """Reads the answer to one question: returns the slots to set."""

    def __init__(
        self,
        slot: str,
        tracker: Tracker,
        dispatcher: CollectingDispatcher,
        text: str | None = None,
    ) -> None:
        """`text` is the answer when it is not the latest message (answer_read_as_crisis)."""
        self.slot = slot
        self.tracker = tracker
        self.dispatcher = dispatcher
        self.text = typed_text(tracker) if text is None else text
        self.intent = answers.latest_intent(tracker)
        # A button payload can carry any entity value ("/inform{...}"): cut it like an answer.
        self.entities = {
            name: value[: plans.MAX_ANSWER_CHARS]
            for name, value in answers.latest_entities(tracker).items()
        }
        self.choice = self.entities.get("choice")
        # "Mila" to a name question is the name, even when the classifier read a skip.
        self.skipped = answers.skipped(tracker) and not (
            slot in ("plan_name", "member_name") and read.is_bare_name(self.text)
        )
        if slot == "member_name" and len(self.text) > read.MAX_MEMBER_NAME_CHARS:
            dispatcher.utter_message(
                response="utter_member_name_too_long", max_chars=read.MAX_MEMBER_NAME_CHARS
            )
            self.text = self.text[: read.MAX_MEMBER_NAME_CHARS].strip()
        elif len(self.text) > plans.MAX_ANSWER_CHARS:
            dispatcher.utter_message(
                response="utter_answer_too_long", max_chars=plans.MAX_ANSWER_CHARS
            )
            self.text = self.text[: plans.MAX_ANSWER_CHARS]

    def read(self) -> dict[str, Any]:
        slot = self.slot
        if slot == "consent":
            return self.consent()
        if slot == "member_name":
            return self.member_name()
        if slot == "member_more":
            return self.member_more()
        if slot == CHOSEN_DOMAINS_SLOT:
            return self.life_domains()
        if slot == MORE_DOMAINS_SLOT:
            return self.more_life_domains()
        if slot in YES_NO_SLOTS:
            return self.confirmation()
        if slot == DREAMS_SLOT:
            return self.dreams()
        if self.skipped:
            return self.skip()
        if slot == "plan_name":
            name = read.name_answer(self.text)
            return (
                {slot: name, **self.named_person(name)}
                if name
                else self.not_understood("utter_not_a_name")
            )
        if slot.endswith("_wish"):
            return self.wish()
        if slot.endswith("_often"):
            counted = self.choice or read.frequency(self.text)
            value = counted or self.text
            if not value:
                return self.not_understood()
            return {slot: value, **self.who_also_told(slot.removesuffix("_often"), bool(counted))}
        if slot.endswith("_who"):
            value = self.choice or ",".join(read.who(self.text)) or self.text
            return {slot: value} if value else self.not_understood()
        if slot == "urgency_sustainable":
            value = read.yes_no(self.intent, self.text) or self.text
            if not value:
                return self.not_understood()
            return {slot: value, **self.reason_also_told()}
        if slot == "urgency_network_care" and self.text:
            return self.network_care()
        if slot == "spending":
            spending = self.choice or read.spending(self.text)
            return (
                {slot: spending} if spending else self.not_understood("utter_choice_not_understood")
            )
        return {slot: self.text} if self.text else self.not_understood()

    def named_person(self, plan_name: str) -> dict[str, Any]:
        """Someone who tells about another person and names them for the plan ("Tibo") is
        asked about them by that name from then on ("Wat is belangrijk voor Tibo?"), as after
        "ik ben de mama van Tibo"; a name told before stays."""
        if self.tracker.get_slot("speaker") != "network" or self.tracker.get_slot("person_name"):
            return {}
        first = read.first_name_in(plan_name)
        return {"person_name": first, "person_ref": first} if first else {}

    def not_understood(self, response: str = "utter_not_understood_answer") -> dict[str, Any]:
        self.dispatcher.utter_message(response=response)
        return {self.slot: None}

    def skip(self) -> dict[str, Any]:
        return {self.slot: SKIPPED}

    def consent(self) -> dict[str, Any]:
        # "Ja, ik vertel over mezelf" / "… over iemand anders" (the buttons when it is not
        # known yet who is talking), or a typed yes that says for whom ("ja, voor mijn
        # zoon"): the consent and the answer to "voor wie?" in one. "voor mijn zoon" alone
        # is no yes: consent is only given by a clear yes.
        raw = ((self.tracker.latest_message or {}).get("text") or "").strip()
        told_speaker = self.intent in SPEAKER_INTENTS and (
            raw.startswith("/") or bool(read.YES.search(self.text))
        )
        # What the request said ("een plan voor mijn zoon") stays, unless the answer says
        # otherwise ("Ja, ik vertel over mezelf").
        known_speaker = self.tracker.get_slot("speaker")
        told_speaker = told_speaker and SPEAKER_INTENTS[self.intent] != known_speaker
        answer = "ja" if told_speaker else read.yes_no(self.intent, self.text)
        if answer == "nee":
            return {"consent": "nee"}
        if answer is None and self.intent in SPEAKER_INTENTS:
            # "voor mij", "voor mijn zoon": for whom, without a yes. Noted, as a request's
            # "een plan voor mijn zoon" is; the question asks again for the yes only.
            who = speaker_slots(self.tracker)
            about = who.get("person_ref") or "jou"
            self.dispatcher.utter_message(response="utter_consent_for_whom_noted", person_ref=about)
            return {"consent": None, **who}
        if answer != "ja":
            return self.not_understood("utter_yes_no_not_understood")
        with db.session() as session:
            plan = plans.create_plan(session, self.tracker.sender_id, CONSENT_TEXT_VERSION)
        self.dispatcher.utter_message(response="utter_consent_given")
        # The web chat may now keep this conversation's id, so "vergeet mij" reaches it.
        self.dispatcher.utter_message(json_message=REMEMBER_CONVERSATION)
        self.dispatcher.utter_message(response="utter_story_intro")
        # Who is talking may be known from before the consent: store() keeps it now.
        known = {s: self.tracker.get_slot(s) for s in flow.SPEAKER_SLOTS}
        if told_speaker:
            known = speaker_slots(self.tracker)
        return {"consent": "ja", "plan_id": plan.id, **{s: v for s, v in known.items() if v}}

    def member_name(self) -> dict[str, Any]:
        if self.skipped or not self.text:
            # Nobody (more) to tell about: the network loop ends here.
            return {**dict.fromkeys(MEMBER_SLOTS), **self.network_told()}
        name = read.name_answer(self.text)
        if name is None:
            return self.not_understood("utter_not_a_name")
        # "mijn vrouw Ria en mijn dochter Els": the questions say "je vrouw Ria en je dochter
        # Els" (both stay in the plan, as one answer).
        name = read.MY.sub("je", name)
        slots: dict[str, Any] = {"member_name": name}
        if "relation" in self.entities:
            slots["member_relation"] = self.entities["relation"][: read.MAX_MEMBER_NAME_CHARS]
        return slots

    def member_more(self) -> dict[str, Any]:
        answer = read.yes_no(self.intent, self.text)
        if answer is None:
            return self.not_understood("utter_yes_no_not_understood")
        count = (self.tracker.get_slot("network_count") or 0) + 1
        if answer == "ja" and count >= read.MAX_NETWORK_MEMBERS:
            # The plan is full: the members told so far stay, the loop ends kindly.
            self.dispatcher.utter_message(
                response="utter_network_full", max_members=read.MAX_NETWORK_MEMBERS
            )
            return {**self.network_told(), "network_count": count}
        if answer == "ja":
            return {**dict.fromkeys(MEMBER_SLOTS), "member_more": None, "network_count": count}
        return {**self.network_told(), "network_count": count}

    def network_told(self) -> dict[str, Any]:
        """The end of the network loop: the life domains' questions come next."""
        self.dispatcher.utter_message(response="utter_domains_intro")
        return {"member_more": "nee"}

    def dreams(self) -> dict[str, Any]:
        """The open dream question: its answer is split over the dreams of the chosen life
        domains; a skip skips them all. Only an answer that names none is kept whole, and
        the dreams are then asked one by one."""
        asked = chosen_dreams(self.tracker.get_slot(CHOSEN_DOMAINS_SLOT))
        unanswered = [d for d in asked if self.tracker.get_slot(d) is None]
        if self.skipped:
            return {DREAMS_SLOT: SKIPPED, **dict.fromkeys(unanswered, SKIPPED)}
        if not self.text:
            return self.not_understood()
        told = read.dreams_told(self.text, asked)
        if not told:
            self.dispatcher.utter_message(response="utter_dreams_one_by_one")
            return {DREAMS_SLOT: self.text}
        return {
            DREAMS_SLOT: TOLD_PER_DOMAIN,
            **dict.fromkeys(unanswered, SKIPPED),
            **{d: said[: plans.MAX_ANSWER_CHARS] for d, said in told.items()},
        }

    def life_domains(self) -> dict[str, Any]:
        """The life domains to talk about: typed ("wonen en werk", "alles"), or one button. A
        skip talks about all of them, as before the choice existed."""
        if self.skipped or self.choice == ALL_DOMAINS:
            return self.choose(list(DOMAINS), more=False)
        if self.choice in DOMAINS:
            return self.choose([self.choice], more=True)  # a button: "another one?" next
        chosen = read.domain_choice(self.text)
        if not chosen:
            return self.not_understood("utter_life_domains_not_understood")
        return self.choose(chosen, more=False)

    def more_life_domains(self) -> dict[str, Any]:
        """ "Wil je nog over een ander deel praten?": a button adds one and asks again."""
        chosen = chosen_domains(self.tracker.get_slot(CHOSEN_DOMAINS_SLOT))
        if self.choice in DOMAINS:
            return self.choose([*chosen, self.choice], more=True)
        named = read.domain_choice(self.text)
        if named:
            return self.choose([*chosen, *named], more=False)
        if self.skipped or read.yes_no(self.intent, self.text) == "nee":
            return {MORE_DOMAINS_SLOT: "nee"}
        return self.not_understood("utter_life_domains_not_understood")

    def choose(self, domains: list[str], more: bool) -> dict[str, Any]:
        """The choice, and the "hoe gaat het nu?" of a chosen domain that the story already
        told ("koken lukt moeilijk" for huishouden): that question is not asked again."""
        chosen = [d for d in DOMAINS if d in domains]
        all_chosen = len(chosen) == len(DOMAINS)
        slots: dict[str, Any] = {
            CHOSEN_DOMAINS_SLOT: ",".join(chosen),
            MORE_DOMAINS_SLOT: None if more and not all_chosen else "nee",
        }
        for domain in chosen:
            now = domain_slot(domain, "now")
            said = flow.now_from_story(self.tracker.slots, domain)
            if said and self.tracker.get_slot(now) is None:
                slots[now] = said
        return slots

    def confirmation(self) -> dict[str, Any]:
        answer = read.yes_no(self.intent, self.text)
        topic = read.topic(self.text, self.entities.get("intake_topic"))
        if answer == "ja" and not topic:
            if self.tracker.get_slot("plan_id"):
                with db.session() as session:
                    plans.save_version(session, self.tracker.get_slot("plan_id"))
            return {self.slot: "ja"}
        if topic:
            label = read.TOPICS[topic][0]
            self.dispatcher.utter_message(response="utter_change_answer", topic=label)
            return clear_topic(topic)
        if answer == "nee":
            self.dispatcher.utter_message(response="utter_ask_change_topic")
            return {self.slot: None}
        return self.not_understood("utter_yes_no_not_understood")

    def wish(self) -> dict[str, Any]:
        value = self.choice or read.wish(self.text, self.entities.get("support_type"))
        if not value:
            return self.not_understood()
        domain = self.slot.removesuffix("_wish")
        slots = {self.slot: value, "current_unit": flow.unit_for(value)}
        if value == "oproepbare_permanentie":  # only "nodig / niet nodig": asked for, so needed
            slots[domain_slot(domain, "often")] = NEEDED
        amount = None if self.choice else read.amount(self.text)
        if amount and flow.wants_support(value):
            # "woonondersteuning, 3 nachten, van mijn zus": how often and who are told too.
            slots.setdefault(domain_slot(domain, "often"), amount)
            slots.update(self.who_also_told(domain, counted=True))
        return slots

    def who_also_told(self, domain: str, counted: bool) -> dict[str, Any]:
        """Who could help, when an answer that says how often (`counted`) names it too ("3
        nachten, van een vergunde zorgaanbieder"): that question is then not asked."""
        who_slot = domain_slot(domain, "who")
        named = read.who_also_named(self.text) if counted and not self.choice else []
        if not named or self.tracker.get_slot(who_slot):
            return {}
        self.dispatcher.utter_message(response="utter_who_also_told", who=who_words(named))
        return {who_slot: ",".join(named)}

    def reason_also_told(self) -> dict[str, Any]:
        """ "nee, ik heb meer hulp nodig" to "kan het zo blijven?" also tells what is missing."""
        reason = read.reason_after_no(self.text)
        if not reason or self.tracker.get_slot("urgency_gap"):
            return {}
        return {"urgency_gap": reason}

    def network_care(self) -> dict[str, Any]:
        """What the network does, and how long, when the answer says both ("ze zorgen elke
        dag voor mij, al twee jaar"): how long is then not asked."""
        told = read.how_long_told(self.text)
        if not told or self.tracker.get_slot("urgency_how_long"):
            return {self.slot: self.text}
        care, how_long = told
        self.dispatcher.utter_message(response="utter_how_long_also_told", how_long=how_long)
        return {self.slot: care, "urgency_how_long": how_long}


def store(tracker: Tracker, events: list[EventType]) -> None:
    """Writes every answer set by these events to the plan, as it is given."""
    changes = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    plan_id = changes.get("plan_id") or tracker.get_slot("plan_id")
    if not plan_id:
        return  # no consent: nothing is stored
    with db.session() as session:
        if not plans.is_linked(session, plan_id, tracker.sender_id):
            return  # unlinked by the plan's owner ("wat weet je over mij"): not this plan
        for slot, value in changes.items():
            if slot in flow.ANSWER_SLOTS or slot in flow.SPEAKER_SLOTS:
                plans.save_answer(session, plan_id, slot, None if value is None else str(value))
            elif slot in MEMBER_SLOTS and value is not None:
                number = int(tracker.get_slot("network_count") or 0) + 1
                if number > read.MAX_NETWORK_MEMBERS:
                    continue  # never more members than the plan holds
                plans.save_answer(session, plan_id, flow.member_key(number, slot), str(value))
        if changes.get("network_count") == 0.0:  # the network is told again
            plans.delete_answers(session, plan_id, "network.")


def answer_read_as_crisis(
    tracker: Tracker, dispatcher: CollectingDispatcher, text: str, slot: str
) -> list[EventType]:
    """After "dat bedoelde ik niet": `text`, the message the classifier read as a crisis
    ("ik kan zelf niet koken vanuit mijn rolstoel ..."), is the answer to `slot`, the intake
    question it interrupted, read and stored as if it had been understood; [] when that
    question takes no typed answer (or is the consent, which only a clear yes gives)."""
    if slot not in flow.FREE_TEXT_SLOTS or slot == "consent" or not text.strip():
        return []
    events: list[EventType] = [
        SlotSet(name, value)
        for name, value in IntakeAnswer(slot, tracker, dispatcher, text).read().items()
    ]
    store(tracker, events)
    return events


def say_what_the_story_told(
    tracker: Tracker, dispatcher: CollectingDispatcher, asked: str | None
) -> None:
    """Before the wish of a domain whose "hoe gaat het nu?" the story already told, quote it:
    the person sees why that question is not asked."""
    slots = tracker.slots
    upcoming = next((s for s in flow.required_slots(slots) if slots.get(s) is None), None)
    if not upcoming or not upcoming.endswith("_wish") or upcoming == asked:
        return
    domain = upcoming.removesuffix("_wish")
    said = slots.get(domain_slot(domain, "now"))
    if said and said == flow.now_from_story(slots, domain):
        dispatcher.utter_message(
            response="utter_now_from_story", domain=DOMAINS[domain].lower(), said=said
        )


def answer_aside(dispatcher: CollectingDispatcher, tracker: Tracker, slot: str) -> bool:
    """Answer a question beside the intake's question `slot` ("wat moet ik hier zeggen",
    "hoeveel vragen zijn er nog", "mag mijn mama voor mij typen"); False when the message
    is none."""
    text = typed_text(tracker)
    if slot != "consent" and read.asks_about_the_question(text):
        dispatcher.utter_message(response="utter_intake_how_to_answer")
        return True
    if read.asks_how_far(text):
        say_how_far(dispatcher, flow.questions_left(tracker.slots))
        return True
    return answer_chat_for_me(dispatcher, tracker)


def say_how_far(dispatcher: CollectingDispatcher, left: int | None) -> None:
    """How many questions are left: a number once the life domains are chosen."""
    if left is None:
        dispatcher.utter_message(response="utter_intake_questions_left_depends")
    elif left <= 1:
        dispatcher.utter_message(response="utter_intake_last_question")
    else:
        dispatcher.utter_message(response="utter_intake_questions_left", left=left)


class ValidateIntakeForm(FormValidationAction):
    def name(self) -> str:
        return "validate_intake_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher, tracker: Tracker, domain: dict
    ) -> list[str]:
        return flow.required_slots(tracker.slots)

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> list[EventType]:
        slot = tracker.get_slot("requested_slot")
        if (
            slot not in flow.FREE_TEXT_SLOTS
            or tracker.active_loop_name != "intake_form"
            or interrupts(tracker)
        ):
            return []
        if answer_aside(dispatcher, tracker, slot):
            # Answered, nothing stored, the question again. The slot set to None (not left
            # out), so the form does not reject the message and the rule for what the
            # classifier read (ask_capabilities for "wat moet ik hier zeggen") does not follow.
            return [SlotSet(slot, None)]
        slots = IntakeAnswer(slot, tracker, dispatcher).read()
        return [SlotSet(name, value) for name, value in slots.items()]

    def validate_speaker(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return speaker_answer(value, dispatcher, tracker)

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        # As FormValidationAction.run, but the extracted slots are returned too: the SDK
        # only returns slots that are still required after the answer, and an answer here
        # may end a question group (the network loop) or set a helper slot (plan_id).
        asked = tracker.get_slot("requested_slot")
        extracted = await self.get_extraction_events(dispatcher, tracker, domain)
        tracker.add_slots(extracted)
        events = extracted + await self._extract_validation_events(dispatcher, tracker, domain)
        store(tracker, events)
        tracker.add_slots(events)
        say_what_the_story_told(tracker, dispatcher, asked)
        return events


class ActionAskConsent(Action):
    """The consent question, with how long things are kept (the configured periods)."""

    def name(self) -> str:
        return "action_ask_consent"

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        # "Ik wil een plan maken voor mijn zoon": who it is for is known before the consent
        # (kept by store() once it is given), so "ja" need not say for whom.
        speaker = speaker_from_request(tracker)
        if consent_asked_just_before(tracker):
            # The whole text once is enough: after an unclear answer, only the question.
            known = speaker or tracker.get_slot("speaker")
            again = "utter_ask_consent_again_speaker_known" if known else "utter_ask_consent_again"
            dispatcher.utter_message(response=again)
            return speaker
        settings = load_settings()
        dispatcher.utter_message(
            response="utter_ask_consent_speaker_known" if speaker else "utter_ask_consent",
            plan_keep_days=settings.plan_keep_days,
            session_minutes=settings.session_minutes,
        )
        return speaker


def consent_asked_just_before(tracker: Tracker) -> bool:
    """Whether Wegwijzer's answer before the latest message asked for the consent, in this
    session (after a new session the whole text comes again)."""
    before = answers.last_answer_events(tracker)
    return not any(
        event.get("event") == "session_started" for event in before
    ) and answers.said_just_before(tracker, "utter_ask_consent")


def dream_topics(slots: dict[str, Any]) -> str:
    """ "wonen, werk of vrije tijd": the dreams of the chosen life domains, in words."""
    words = [DREAM_TOPICS[d] for d in chosen_dreams(slots.get(CHOSEN_DOMAINS_SLOT))]
    return " of ".join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else "".join(words)


SKIP_BUTTON = {"title": "Sla over", "payload": "/skip"}


def name_told(tracker: Tracker) -> str | None:
    """The person's name as this session already told it: "Lotte" after "ik ben de mama van
    Lotte" (the network's `person_name`), "Sarah" after "Ik ben Sarah"."""
    if tracker.get_slot("speaker") == "network":
        return tracker.get_slot("person_name") or None
    for event in reversed(tracker.events):
        if event.get("event") == "session_started":
            break
        if event.get("event") == "user" and (name := self_introduction(event.get("text") or "")):
            return name
    return None


class ActionAskPlanName(Action):
    """ "Welke naam mag in je plan staan?", with the name the person already told as a
    button: the name in the plan stays their choice, but it need not be typed again. The
    button sends the name as typed text, which the validator reads as any typed name."""

    def name(self) -> str:
        return "action_ask_plan_name"

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        name = name_told(tracker)
        buttons = [{"title": name, "payload": name}] if name else []
        dispatcher.utter_message(response="utter_ask_plan_name", buttons=[*buttons, SKIP_BUTTON])
        return []


class ActionAskDreams(Action):
    """The open dream question, naming the dreams of the chosen life domains."""

    def name(self) -> str:
        return "action_ask_dreams"

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        dispatcher.utter_message(response="utter_ask_dreams", topics=dream_topics(tracker.slots))
        return []


class ActionAskPlanConfirmed(Action):
    """ "Klopt dit?" at the end: the story and the wished support per life domain."""

    def name(self) -> str:
        return "action_ask_plan_confirmed"

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        dispatcher.utter_message(text=story_summary(tracker.slots))
        dispatcher.utter_message(text=wishes_summary(tracker.slots))
        dispatcher.utter_message(response="utter_ask_confirmed")
        return []


class ActionFinishIntake(Action):
    """After the form: without consent nothing is kept; otherwise the link to the draft."""

    def name(self) -> str:
        return "action_finish_intake"

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        if tracker.get_slot("consent") != "ja" or not tracker.get_slot("plan_id"):
            dispatcher.utter_message(response="utter_consent_refused")
            return [SlotSet("consent", None)]
        with db.session() as session:
            plan_id = tracker.get_slot("plan_id")
            # Not for a conversation the plan's owner unlinked ("wat weet je over mij").
            linked = plans.is_linked(session, plan_id, tracker.sender_id)
            plan = plans.plan_by_id(session, plan_id) if linked else None
            url = plan_url(load_settings(), plan.document_token) if plan else ""
        dispatcher.utter_message(response="utter_intake_done", plan_url=url)
        return []
