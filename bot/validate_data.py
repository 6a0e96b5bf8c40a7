"""Run `rasa data validate` and fail on every warning that is not explained here.

Rasa's validator cannot tell that a response is used by a custom action, so it warns
about those; each such warning is listed with the reason it is fine. Anything else
fails the check (`make test` runs this). An explained warning that no longer occurs fails
too: its entry is stale and must go, so that no dead response can hide in this list.
"""

from __future__ import annotations

import re
import subprocess
import sys

import yaml

from bot.config import PROJECT_ROOT, load_settings, rasa_environment

EXPLAINED_WARNINGS = {
    "The utterance 'utter_answer_too_long' is not used in any story or rule.": (
        "said by validate_intake_form (actions/intake.py) when an answer is cut"
    ),
    "The utterance 'utter_larger_text' is not used in any story or rule.": (
        "said by action_use_simple_language and action_fallback for larger letters asked in "
        "the web chat (actions/screen_help.py)"
    ),
    "The utterance 'utter_larger_text_device' is not used in any story or rule.": (
        "said for larger letters asked on another channel (actions/screen_help.py)"
    ),
    "The utterance 'utter_read_aloud' is not used in any story or rule.": (
        "said for reading aloud asked in the web chat (actions/screen_help.py)"
    ),
    "The utterance 'utter_read_aloud_device' is not used in any story or rule.": (
        "said for reading aloud asked on another channel (actions/screen_help.py)"
    ),
    "The utterance 'utter_screen_reader' is not used in any story or rule.": (
        "said for 'werkt dit met mijn schermlezer' in the web chat (actions/screen_help.py)"
    ),
    "The utterance 'utter_screen_reader_device' is not used in any story or rule.": (
        "said for a screen reader asked about on another channel (actions/screen_help.py)"
    ),
    "The utterance 'utter_what_next' is not used in any story or rule.": (
        "the menu, said by action_answer_yes and action_answer_no (actions/hello_or_goodbye.py) "
        "and after other answers"
    ),
    "The utterance 'utter_no_visits' is not used in any story or rule.": (
        "said for 'kunnen jullie bij mij thuis langskomen' (actions/reach_wegwijzer.py)"
    ),
    "The utterance 'utter_typing_is_hard' is not used in any story or rule.": (
        "said by action_fallback for 'ik kan niet goed typen' (actions/screen_help.py)"
    ),
    "The utterance 'utter_intake_how_to_answer' is not used in any story or rule.": (
        "said by validate_intake_form for 'wat moet ik hier zeggen' at a question"
    ),
    "The utterance 'utter_intake_questions_left' is not used in any story or rule.": (
        "said by validate_intake_form for 'hoeveel vragen zijn er nog' at a question"
    ),
    "The utterance 'utter_intake_last_question' is not used in any story or rule.": (
        "said by validate_intake_form for 'hoeveel vragen zijn er nog' at the last question"
    ),
    "The utterance 'utter_intake_questions_left_depends' is not used in any story or rule.": (
        "said by validate_intake_form for 'hoeveel vragen zijn er nog' before the domains"
    ),
    "The utterance 'utter_someone_else_may_chat' is not used in any story or rule.": (
        "said by action_fallback and validate_intake_form for 'mag mijn mama voor mij chatten'"
    ),
    "The utterance 'utter_complaint_about_wegwijzer' is not used in any story or rule.": (
        "said by action_answer_faq and action_fallback for a complaint about Wegwijzer itself"
    ),
    "The utterance 'utter_change_later_yes' is not used in any story or rule.": (
        "said by action_change_answer without a plan for 'kan ik dat later nog aanpassen'"
    ),
    "The utterance 'utter_plan_share' is not used in any story or rule.": (
        "said by action_show_plan after the link when the person asks to send the plan"
    ),
    "The utterance 'utter_plan_print' is not used in any story or rule.": (
        "said by action_show_plan after the link when the person asks to print it"
    ),
    "The utterance 'utter_place_from_postcode' is not used in any story or rule.": (
        "said by both forms' place validation when a postcode was given"
    ),
    "The utterance 'utter_read_as' is not used in any story or rule.": (
        "said by both forms' place validation when a misspelled place was read, and by "
        "action_fallback for facts told outside a form"
    ),
    "The utterance 'utter_eligibility_start' is not used in any story or rule.": (
        "said by action_eligibility_start (actions/eligibility_start.py) when the check starts"
    ),
    "The utterance 'utter_eligibility_start_someone' is not used in any story or rule.": (
        "said by action_eligibility_start instead of utter_eligibility_start when the "
        "request is about someone else"
    ),
    "The utterance 'utter_eligibility_offer' is not used in any story or rule.": (
        "said by action_eligibility_start after its answer to a direct question, instead of "
        "starting the check"
    ),
    "The utterance 'utter_eligibility_offer_someone' is not used in any story or rule.": (
        "said by action_eligibility_start instead of utter_eligibility_offer when the "
        "question is about someone else"
    ),
    "The utterance 'utter_eligibility_agreed' is not used in any story or rule.": (
        "said by action_eligibility_start when the check starts after a yes to its offer"
    ),
    "The utterance 'utter_sorry_for_the_loss' is not used in any story or rule.": (
        "said by action_answer_faq and action_fallback before the answer about the "
        "noodprocedure when a carer died (actions/loss_of_care.py)"
    ),
    "The utterance 'utter_waiting_for_a_place' is not used in any story or rule.": (
        "said by action_answer_faq for a waiting-time question about a kind of help"
    ),
    "The utterance 'utter_reach_the_providers' is not used in any story or rule.": (
        "said by action_request_human for 'hoe kan ik die bellen' right after search results"
    ),
    "The utterance 'utter_simplest_already' is not used in any story or rule.": (
        "said by action_use_simple_language when the texts are already in makkelijke taal"
    ),
    "The utterance 'utter_ask_consent_again' is not used in any story or rule.": (
        "said by action_ask_consent right after the consent question got an unclear answer"
    ),
    "The utterance 'utter_ask_consent_again_speaker_known' is not used in any story or rule.": (
        "said by action_ask_consent right after the consent question got an unclear answer, "
        "when it is known for whom the plan is"
    ),
    "The utterance 'utter_consent_for_whom_noted' is not used in any story or rule.": (
        "said by validate_intake_form when the answer to the consent question says for whom "
        "but no yes"
    ),
    "The utterance 'utter_privacy_next_steps_gewoon' is not used in any story or rule.": (
        "said by action_answer_faq after the privacy answer, with how long a plan is kept"
    ),
    "The utterance 'utter_privacy_next_steps_eenvoudig' is not used in any story or rule.": (
        "said by action_answer_faq after the privacy answer in makkelijke taal"
    ),
    "The utterance 'utter_glad_to_help' is not used in any story or rule.": (
        "said by action_fallback for 'ik heb hulp nodig' or 'ik heb een vraag'"
    ),
    "The utterance 'utter_nothing_to_stop' is not used in any story or rule.": (
        "said by action_fallback for a stop when no form is active"
    ),
    "The utterance 'utter_reach_wegwijzer' is not used in any story or rule.": (
        "said by action_answer_faq or action_fallback for 'wat is jullie telefoonnummer'"
    ),
    "The utterance 'utter_writing_is_fine' is not used in any story or rule.": (
        "said by action_answer_faq or action_fallback for 'ik ben doof kan ik via sms'"
    ),
    "The utterance 'utter_plan_offer' is not used in any story or rule.": (
        "said by action_answer_faq after what an ondersteuningsplan is"
    ),
    "The utterance 'utter_out_of_scope' is not used in any story or rule.": (
        "said by action_out_of_scope, unless the question asks how to reach the providers "
        "just shown"
    ),
    "The utterance 'utter_how_to_get_it' is not used in any story or rule.": (
        "said by action_answer_faq or action_fallback before a right's way to get it, for "
        "'hoe vraag ik dat aan' right after the answer about that right"
    ),
    "The utterance 'utter_not_a_name' is not used in any story or rule.": (
        "said by validate_intake_form when a name answer reads as a sentence"
    ),
    "The utterance 'utter_member_name_too_long' is not used in any story or rule.": (
        "said by validate_intake_form when a network member's name is cut"
    ),
    "The utterance 'utter_network_full' is not used in any story or rule.": (
        "said by validate_intake_form when the plan holds the most network members"
    ),
    "The utterance 'utter_change_answer' is not used in any story or rule.": (
        "said by action_change_answer and the intake confirmations"
    ),
    "The utterance 'utter_choice_not_understood' is not used in any story or rule.": (
        "said by validate_intake_form when a choice is not understood"
    ),
    "The utterance 'utter_life_domains_not_understood' is not used in any story or rule.": (
        "said by validate_intake_form when a choice of life domains names none"
    ),
    "The utterance 'utter_domains_intro' is not used in any story or rule.": (
        "said by validate_intake_form when the story is confirmed"
    ),
    "The utterance 'utter_now_from_story' is not used in any story or rule.": (
        "said by validate_intake_form before a wish whose situation the story told"
    ),
    "The utterance 'utter_ask_consent_speaker_known' is not used in any story or rule.": (
        "said by action_ask_consent when the request said for whom the plan is"
    ),
    "The utterance 'utter_consent_given' is not used in any story or rule.": (
        "said by validate_intake_form after consent"
    ),
    "The utterance 'utter_consent_refused' is not used in any story or rule.": (
        "said by action_finish_intake when consent was refused"
    ),
    "The utterance 'utter_data_deleted' is not used in any story or rule.": (
        "said by action_delete_my_data"
    ),
    "The utterance 'utter_intake_done' is not used in any story or rule.": (
        "said by action_finish_intake with the plan link"
    ),
    "The utterance 'utter_no_plan_yet' is not used in any story or rule.": (
        "said by the plan commands (actions/plan_commands.py) without a plan"
    ),
    "The utterance 'utter_nothing_stored' is not used in any story or rule.": (
        "said by action_show_my_data when nothing is stored"
    ),
    "The utterance 'utter_paused' is not used in any story or rule.": (
        "said by action_pause_intake with the resume code"
    ),
    "The utterance 'utter_plan_link' is not used in any story or rule.": (
        "said by action_show_plan"
    ),
    "The utterance 'utter_plan_link_expired' is not used in any story or rule.": (
        "said by action_show_plan when the plan link has expired"
    ),
    "The utterance 'utter_plan_link_new' is not used in any story or rule.": (
        "said by action_new_plan_link (actions/plan_links.py) with the new link"
    ),
    "The utterance 'utter_plan_link_extended' is not used in any story or rule.": (
        "said by action_extend_plan_link (actions/plan_links.py) with the new end date"
    ),
    "The utterance 'utter_ask_unlink' is not used in any story or rule.": (
        "said by action_unlink_conversation with the linked conversations as buttons"
    ),
    "The utterance 'utter_conversation_unlinked' is not used in any story or rule.": (
        "said by action_unlink_conversation after unlinking"
    ),
    "The utterance 'utter_unlink_this_conversation' is not used in any story or rule.": (
        "said by action_unlink_conversation when asked to unlink the asking conversation"
    ),
    "The utterance 'utter_nothing_to_unlink' is not used in any story or rule.": (
        "said by action_unlink_conversation when only this conversation is linked"
    ),
    "The utterance 'utter_resume_ask_code' is not used in any story or rule.": (
        "said by action_resume_intake without a code"
    ),
    "The utterance 'utter_resume_expired' is not used in any story or rule.": (
        "said by action_resume_intake for an expired code"
    ),
    "The utterance 'utter_resume_lost' is not used in any story or rule.": (
        "said by action_resume_intake when the person lost the code"
    ),
    "The utterance 'utter_resume_not_found' is not used in any story or rule.": (
        "said by action_resume_intake for an unknown code"
    ),
    "The utterance 'utter_resume_throttled' is not used in any story or rule.": (
        "said by action_resume_intake after too many wrong codes"
    ),
    "The utterance 'utter_resumed' is not used in any story or rule.": (
        "said by action_resume_intake"
    ),
    "The utterance 'utter_stored_data' is not used in any story or rule.": (
        "said by action_show_my_data"
    ),
    "The utterance 'utter_story_intro' is not used in any story or rule.": (
        "said by validate_intake_form after consent"
    ),
    "The utterance 'utter_yes_no_not_understood' is not used in any story or rule.": (
        "said by validate_intake_form for a yes/no question"
    ),
    "The utterance 'utter_fallback' is not used in any story or rule.": (
        "said by action_fallback (actions/fallback.py) after a first miss"
    ),
    "The utterance 'utter_fallback_offer_human' is not used in any story or rule.": (
        "said by action_fallback (actions/fallback.py) after the second miss in a row"
    ),
    "The utterance 'utter_fallback_crisis_lines' is not used in any story or rule.": (
        "said by action_fallback (actions/fallback.py) after 'niet begrepen' when the "
        "classifier read a crisis it was not sure of (bot/crisis_classifier_gate.py)"
    ),
    "The utterance 'utter_faq_next_steps_gewoon' is not used in any story or rule.": (
        "said by action_answer_faq and the reading level actions (actions/faq.py) after every "
        "answer at the reading level gewoon"
    ),
    "The utterance 'utter_faq_next_steps_eenvoudig' is not used in any story or rule.": (
        "said by action_answer_faq and the reading level actions (actions/faq.py) after every "
        "answer at the reading level eenvoudig"
    ),
    "The utterance 'utter_faq_unknown' is not used in any story or rule.": (
        "said by action_answer_faq when the knowledge base has no answer"
    ),
    "The utterance 'utter_faq_which_topic' is not used in any story or rule.": (
        "said by action_answer_faq when the two closest FAQ topics are too close to choose"
    ),
    "The utterance 'utter_reading_level_eenvoudig' is not used in any story or rule.": (
        "said by action_use_simple_language (actions/reading_level.py)"
    ),
    "The utterance 'utter_reading_level_gewoon' is not used in any story or rule.": (
        "said by action_use_normal_language (actions/reading_level.py)"
    ),
    "The utterance 'utter_crisis' is not used in any story or rule.": (
        "said by action_crisis (actions/crisis.py) with the crisis lines from the knowledge base"
    ),
    "The utterance 'utter_faq' is not used in any story or rule.": (
        "the ResponseSelector's faq/... labels; action_answer_faq answers from the knowledge base"
    ),
    "The following duplicated intents have been found across multiple domain files: faq": (
        "Rasa 3.6 merges the retrieval intent found in data/nlu/faq.yml into the one domain "
        "file and reports the domain's own `faq` entry as a duplicate"
    ),
    "The utterance 'utter_crisis_without_knowledge' is not used in any story or rule.": (
        "said by action_crisis and action_request_human when the knowledge base cannot be read"
    ),
    "The utterance 'utter_crisis_not_meant' is not used in any story or rule.": (
        "said by action_return_after_crisis: 'dat bedoelde ik niet' after a crisis answer"
    ),
    "The utterance 'utter_not_meant' is not used in any story or rule.": (
        "said by action_return_after_crisis when no crisis answer came just before"
    ),
    "The utterance 'utter_eligibility_continue' is not used in any story or rule.": (
        "said by action_eligibility_start when the check was left halfway"
    ),
    "The utterance 'utter_offer_switch_to_eligibility' is not used in any story or rule.": (
        "said by action_offer_switch: another request in the middle of a form"
    ),
    "The utterance 'utter_offer_switch_to_intake' is not used in any story or rule.": (
        "said by action_offer_switch: another request in the middle of a form"
    ),
    "The utterance 'utter_offer_switch_to_provider_search' is not used in any story or rule.": (
        "said by action_offer_switch: another request in the middle of a form"
    ),
    "The utterance 'utter_handoff_failed' is not used in any story or rule.": (
        "said by action_request_human and action_tell_handoff (actions/human.py) when the "
        "case cannot be stored or read: where else a person can be reached"
    ),
    "The utterance 'utter_handoff_started' is not used in any story or rule.": (
        "said by action_request_human with the team's name when the case is opened"
    ),
    "The utterance 'utter_plan_review_started' is not used in any story or rule.": (
        "said by action_request_human for the plan review button (handoff_reason plan_review)"
    ),
    "The utterance 'utter_contact_problem' is not used in any story or rule.": (
        "said by validate_contact_form with the Dutch problem from bot.handoff.contact when a "
        "phone number or e-mail address is wrong"
    ),
    "The utterance 'utter_contact_preference_not_understood' is not used in any story or rule.": (
        "said by validate_contact_form when the contact preference is not understood"
    ),
    "The utterance 'utter_contact_preference_any_way' is not used in any story or rule.": (
        "said by validate_contact_form when the person wants contact but names no way"
    ),
    "The utterance 'utter_contact_chat_not_live' is not used in any story or rule.": (
        "said by validate_contact_form when 'here in the chat' is chosen on a channel where a "
        "worker's reply cannot reach the person live"
    ),
    "The utterance 'utter_handoff_joins' is not used in any story or rule.": (
        "said by action_tell_handoff only when a worker of the case's team is online and the "
        "channel carries their reply"
    ),
    "The utterance 'utter_handoff_later' is not used in any story or rule.": (
        "said by action_tell_handoff when nobody of the team can join: the team's hours"
    ),
    "The utterance 'utter_team_works_now' is not used in any story or rule.": (
        "said by action_tell_handoff after utter_handoff_later while the team works"
    ),
    "The utterance 'utter_team_back' is not used in any story or rule.": (
        "said by action_tell_handoff after utter_handoff_later: when the team is back"
    ),
    "The utterance 'utter_handoff_by_phone' is not used in any story or rule.": (
        "said by action_tell_handoff for the contact preference telefoon"
    ),
    "The utterance 'utter_handoff_by_email' is not used in any story or rule.": (
        "said by action_tell_handoff for the contact preference e-mail"
    ),
    "The utterance 'utter_handoff_in_chat' is not used in any story or rule.": (
        "said by action_tell_handoff for the contact preference chat"
    ),
    "The utterance 'utter_handoff_no_contact' is not used in any story or rule.": (
        "said by action_tell_handoff when no contact details were given"
    ),
    "The utterance 'utter_handoff_when' is not used in any story or rule.": (
        "said by action_tell_handoff when the person said when they can be reached"
    ),
    "The utterance 'utter_handoff_crisis_reminder' is not used in any story or rule.": (
        "said by action_tell_handoff after a crisis when nobody can join now: do not wait"
    ),
    "The utterance 'utter_human_after_crisis' is not used in any story or rule.": (
        "said by action_request_human (actions/human.py) when a crisis came earlier in the "
        "conversation: the crisis lines first"
    ),
    "The utterance 'utter_fallback_other_language' is not used in any story or rule.": (
        "said by action_fallback (actions/fallback.py) for a message in English, French or "
        "German (bot/other_languages.py)"
    ),
    "The utterance 'utter_not_understood_answer' is not used in any story or rule.": (
        "said by the form validators (actions/eligibility.py, actions/provider_search.py) "
        "when an answer is not understood"
    ),
    "The utterance 'utter_age_not_understood' is not used in any story or rule.": (
        "said by validate_eligibility_form when the age is not understood"
    ),
    "The utterance 'utter_place_not_found' is not used in any story or rule.": (
        "said by the form validators when a place is not found"
    ),
    "The utterance 'utter_lives_outside_flanders' is not used in any story or rule.": (
        "said by action_fallback and validate_eligibility_form when someone lives outside "
        "Flanders and Brussels"
    ),
    "The utterance 'utter_check_goes_on_outside_flanders' is not used in any story or rule.": (
        "said by validate_eligibility_form after utter_lives_outside_flanders"
    ),
    "The utterance 'utter_providers_demo' is not used in any story or rule.": (
        "said by action_show_providers when the results are demonstration data"
    ),
    "The utterance 'utter_providers_found' is not used in any story or rule.": (
        "said by action_show_providers with one page of results"
    ),
    "The utterance 'utter_providers_found_one' is not used in any story or rule.": (
        "said by action_show_providers when the search finds one provider"
    ),
    "The utterance 'utter_providers_last' is not used in any story or rule.": (
        "said by action_show_providers after the last page"
    ),
    "The utterance 'utter_providers_more' is not used in any story or rule.": (
        "said by action_show_providers when there are more pages"
    ),
    "The utterance 'utter_providers_none' is not used in any story or rule.": (
        "said by action_show_providers when nothing was found"
    ),
    "The utterance 'utter_providers_waiting_list' is not used in any story or rule.": (
        "said by action_answer_faq for a waiting list question right after the results"
    ),
    "The utterance 'utter_rights_intro' is not used in any story or rule.": (
        "said by action_show_rights before the rights that may fit"
    ),
    "The utterance 'utter_rights_more' is not used in any story or rule.": (
        "said by action_show_rights when more rights fit than it shows"
    ),
    "The utterance 'utter_rights_next_steps' is not used in any story or rule.": (
        "said by action_show_rights at the end"
    ),
    "The utterance 'utter_rights_other_help' is not used in any story or rule.": (
        "said by action_show_rights when only other help than the one chosen fits"
    ),
    "The utterance 'utter_rights_none' is not used in any story or rule.": (
        "said by action_show_rights when no right fits"
    ),
    "The utterance 'utter_search_cannot_widen' is not used in any story or rule.": (
        "said by action_widen_search when there is nothing left to leave out"
    ),
    "The utterance 'utter_search_only_flanders' is not used in any story or rule.": (
        "said by validate_provider_search_form for a place outside Flanders and Brussels"
    ),
    "The utterance 'utter_search_widened' is not used in any story or rule.": (
        "said by action_widen_search"
    ),
    "The utterance 'utter_speaker_network' is not used in any story or rule.": (
        "said by action_identify_speaker (actions/who_is_talking.py)"
    ),
    "The utterance 'utter_ask_confirmed' is not used in any story or rule.": (
        "said by action_ask_plan_confirmed: 'Klopt dit?'"
    ),
    "The utterance 'utter_ask_dreams' is not used in any story or rule.": (
        "said by action_ask_dreams (actions/intake.py) with the chosen life domains"
    ),
    "The utterance 'utter_dreams_one_by_one' is not used in any story or rule.": (
        "said by validate_intake_form when the open dream answer names no life domain"
    ),
    "The utterance 'utter_who_also_told' is not used in any story or rule.": (
        "said by validate_intake_form when an answer about how often names who helps"
    ),
    "The utterance 'utter_how_long_also_told' is not used in any story or rule.": (
        "said by validate_intake_form when the network's care says how long too"
    ),
    "The utterance 'utter_ask_change_topic' is not used in any story or rule.": (
        "said by validate_intake_form and action_change_answer: which topic to change"
    ),
    "The utterance 'utter_speaker_person' is not used in any story or rule.": (
        "said by action_identify_speaker (actions/who_is_talking.py)"
    ),
}
# Rasa 3.6 also warns about the questions of forms (utter_ask_<slot> and
# utter_ask_<form>_<slot>): the forms in domain.yml ask them. Only a question about a slot
# of the domain is explained that way.
FORM_QUESTION = re.compile(r"The utterance 'utter_ask_(\w+)' is not used in any story or rule\.")
WARNING = re.compile(r"UserWarning: (.*?)(?:\x1b\[0m)?$")


def domain_slots_and_forms() -> tuple[set[str], set[str]]:
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    return set(domain.get("slots") or {}), set(domain.get("forms") or {})


def is_form_question(warning: str, slots: set[str], forms: set[str]) -> bool:
    """Whether the warning is about `utter_ask_<slot>` or `utter_ask_<form>_<slot>`."""
    match = FORM_QUESTION.fullmatch(warning)
    if not match:
        return False
    name = match.group(1)
    if name in slots:
        return True
    return any(name.startswith(f"{form}_") and name[len(form) + 1 :] in slots for form in forms)


def unexplained_and_stale(
    warnings: set[str], slots: set[str], forms: set[str]
) -> tuple[list[str], list[str]]:
    """Warnings nobody explained, and explanations of warnings that no longer occur."""
    unexplained = sorted(
        w for w in warnings if w not in EXPLAINED_WARNINGS and not is_form_question(w, slots, forms)
    )
    stale = sorted(EXPLAINED_WARNINGS.keys() - warnings)
    return unexplained, stale


def main() -> int:
    result = subprocess.run(
        [str(PROJECT_ROOT / ".venv" / "bin" / "rasa"), "data", "validate"],
        cwd=PROJECT_ROOT,
        env=rasa_environment(load_settings()),
        capture_output=True,
        text=True,
    )
    output = result.stdout + result.stderr
    warnings = {m.group(1).strip() for line in output.splitlines() if (m := WARNING.search(line))}
    unexplained, stale = unexplained_and_stale(warnings, *domain_slots_and_forms())
    for warning in sorted(warnings & EXPLAINED_WARNINGS.keys()):
        print(f"explained warning: {warning} ({EXPLAINED_WARNINGS[warning]})")
    if result.returncode != 0 or unexplained or stale:
        print(output[-5000:])
        for warning in unexplained:
            print(f"UNEXPLAINED WARNING: {warning}")
        for warning in stale:
            print(f"STALE ENTRY (this warning no longer occurs; remove it): {warning}")
        print("rasa data validate: FAILED")
        return 1
    print("rasa data validate: clean (no unexplained warnings)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
