"""The keyword check beside the classifier (bot/crisis_signals*.txt) is deterministic: the
same on every machine, whatever the training gave. It must catch what it is written for,
and not fire on ordinary questions about the same words."""

from __future__ import annotations

import pytest

from bot.config import PROJECT_ROOT
from bot.crisis_keywords import load_all_signals, load_signals, signals_crisis
from knowledge.loader import load
from tests.holdout_honesty import examples

SIGNALS = load_all_signals()  # what makes a message a crisis
STRONG = load_signals()  # what makes it one without the way back "Dat bedoelde ik niet"


@pytest.mark.parametrize(
    "message",
    [
        "ik kan echt niet meer",
        "hij slaat mij",
        "hij slaat met deuren en daarna slaat hij mij",
        "we moeten morgen ons huis uit en we hebben nergens een plek",
        "ik moet mijn kamer uit en weet niet waar naartoe",
        "het loopt thuis uit de hand en ik ben bang",
        "ik ben bang, het loopt hier uit de hand",
        "Ik wil er een einde aan maken",
        # "eind" as well as "einde", and "aan te maken" (a held-out message slipped through).
        "soms denk ik erover om er een eind aan te maken",
        # An emergency call belongs on the crisis path, not in a search for support.
        "ik moet een noodoproep doen",
        "waar kan ik een noodoproep doen voor mijn moeder",
        # Hitting stays a signal, also with "op" in the message.
        "ze slaan me op mijn hoofd",
        "mijn vader sloeg ons",
        "ik word geslagen",
        # "kan niet meer" with something after it that is not another verb.
        "ik kan het niet meer aan",
        "ik kan niet meer verder",
        "ik kan niet meer leven",
        # Ways to take one's life, self-harm, weapons, strangling, hopelessness (issue 14).
        "ik wil mezelf ophangen",
        "ik ga van de brug",
        "ik neem al mijn slaappillen in",
        "soms snij ik mezelf",
        "mijn broer zwaait met een mes naar ons",
        "hij heeft haar keel dichtgeknepen",
        "mijn stiefvader bedreigt mij",
        "ik werd misbruikt door mijn oom",
        "iedereen is beter af zonder mij",
        "ik ben tot last voor iedereen",
        "het zou beter zijn als ik er niet meer was",
        # Flemish "ni", an overdose taken, wanting not to wake up, being locked up.
        "ik hou het ni meer vol",
        "ik wil ni meer leve",
        "ik heb al die medicijnen ingeslikt",
        "ik wil inslapen en nooit meer wakker worden",
        "ik ben ten einde raad",
        "hij heeft zijn polsen gesneden",
        "mijn vader gaat ons pijn doen",
        "mijn zus wordt thuis opgesloten",
        "thuis is het niet veilig meer voor de kinderen",
        "ik voel me daar helemaal niet veilig",
        "ik ben zo bang van mijne vent",
        "ik wil niet meer verder zijn",
        "mijn broer doet haar pijn",
        "niemand brengt ons nog eten",
        "ik kan ons moeder niet meer verzorgen",
        "thuis lukt het helemaal niet meer",
        # Twelfth session: the categories the cross-validation left to the classifier alone,
        # here in other words than the training examples.
        "gisteren heeft ze weer in haar pols gesneden",
        "ik ga in de vaart springen",
        "hij heeft een hoop slaappillen geslikt",
        "ik wil al mijn medicijnen in een keer innemen",
        "er ligt een strop klaar op zolder",
        "mijn vriend drukt mijn keel toe als hij kwaad is",
        "de kinderen zouden gelukkiger zijn als ik er niet meer was",
        "mijn dochter is sinds vannacht vermist",
        "hij sluit haar elke avond op in de kelder",
        "ze pakt al mijn geld af en ik mag niet naar buiten van haar",
        "mijn vader ligt de hele dag in een natte luier",
        "we slapen al een week in onze auto",
        "ik durf ni meer naar huis",
        "mijn stiefvader dreigt haar iets aan te doen",
        "hij zegt dat hij ons gaat vermoorden",
        "mijn neef zat aan mij en ik wou dat niet",
        "ik zie echt geen uitweg",
        "ik wil der ni meer zijn",
        "ik heb mezelf gisteren pijn gedaan",
        "er is niemand meer om voor mijn zus te zorgen",
        "het lukt hier echt ni meer",
        "ik ben doodsbang van hem",
        "het escaleert elke avond",
        "ik ben mijn familie alleen maar tot last",
        "mijn leven is helemaal zinloos",
        # Twentieth session: a crisis in another language gets the crisis answer, not
        # "Wegwijzer speaks only Dutch" (bot/other_languages.py).
        "I want to kill myself",
        "i dont want to live anymore",
        "my father hits me",
        "I'm not safe at home",
        "je veux mourir",
        "il me frappe tous les jours",
        "j'ai envie de me suicider",
        "ich will mich umbringen",
        "mein Mann schlägt mich",
        "I feel suicidal",
        # Twenty-seventh session: a carer at the end of their strength fell back to "niet
        # begrepen".
        "ik ben mantelzorger voor mijn broer en ik geraak er ni meer door",
        "ik zie er echt geen gat meer in",
        # Danger and not being safe, beside the denials that are no signal (below).
        "ons mama is in gevaar",
        "ik weet niet of ik in gevaar ben",
        "hij is in levensgevaar",
        "het is thuis niet meer veilig",
        "ik ben hier ni veilig, help",
        # Fifty-third session: words quoted to explain them are no signal (below), but what
        # the message says beside them is; a crisis told before "bedoel ik" is no quote.
        "met ik kan niet meer bedoelde ik dat ik er een einde aan wil maken",
        "ik ben thuis bang met mijn vader die mij slaat bedoel ik",
        "hij slaat mij met een stok bedoel ik",
        "ik zou er een eind aan willen maken",
        "ik ben bang voor de man van mijn zus",
        "waarom leef ik nog",  # the fallback without the lines on the model of 2026-12-07
    ],
)
def test_a_crisis_signal_is_caught_whatever_the_model(message):
    assert signals_crisis(message, STRONG)


@pytest.mark.parametrize(
    "message",
    [
        # Thirtieth session: loneliness fell back or was read as identify_as_person.
        "ik voel mij alleen",
        "ik voel me zo eenzaam",
        "k voel mij echt alleen sinds ons moeder weg is",
        "ik ben zo eenzaam",
        # Exhaustion fell back or was read as out_of_scope, inform or the FAQ about the DOP.
        "ik ben zo moe van alles",
        "het is mij allemaal te veel",
        "alles is te veel",
        "ik ben kapot",
        "ik ben helemaal op! ",
        "ik ben doodop van de zorg",
        "we zijn uitgeput",
        # Thirty-seventh session: losing interest in everything fell back.
        "ik heb geen zin meer in alles",
        "heb gewoon geen goesting meer in niks.",
        "ik heb nergens nog zin in",
        "k heb nergens zin meer in",
    ],
)
def test_loneliness_and_exhaustion_are_soft_signals(message):
    """They get the crisis answer, and (no strong signal) the way back "Dat bedoelde ik
    niet": often they are a fact of life told in the intake (actions/crisis.py)."""
    assert signals_crisis(message, SIGNALS)
    assert not signals_crisis(message, STRONG)


def test_a_soft_signal_beside_a_strong_one_is_strong():
    assert signals_crisis("ik ben uitgeput en ik trek het niet meer", STRONG)


@pytest.mark.parametrize(
    "message",
    [
        "we moeten het huis uit tegen volgende maand, waar vind ik een woning",
        "het papierwerk loopt uit de hand",
        # Storing is no hitting (issue 14: a known false alarm), and a task is no crisis.
        "slaan jullie mijn gegevens op",
        "hoe slaat wegwijzer mijn antwoorden op",
        "ik kan niet meer inloggen",
        "ik ben bang dat ik het formulier verkeerd invul",
        "hoe vraag ik een budget aan",
        # A website, a code or a procedure is no person in danger.
        "ik kan niet meer op mijn plan met de link",
        "iemand heeft mijn code misbruikt",
        "geldt de noodprocedure ook bij misbruik",
        "welke groepen slaan de wachtlijst over",
        "mijn zoon slaat met deuren als hij boos is",  # crisis 1.00 on 2026-12-06
        "hij slaat de deur dicht",
        "mijn zoon kan niet zwemmen, is er begeleiding tegen verdrinken",
        "zijn mijn gegevens niet veilig bij jullie",
        # Twelfth session: the new signals need their context.
        "wie zorgt er voor mijn zoon als ik er niet meer ben",  # a parent's worry
        "ik heb mijn pillen genomen",
        "mijn zoon snijdt graag groenten",
        "ik moet iets warms aandoen",
        "mijn kat is weggelopen",
        "het loopt uit de hand met de papieren",
        "de link gaat niet meer open",
        "hij springt graag in het zwembad",
        # Twentieth session: the other-language signals need their context too.
        "I need help for my son",
        "can you cut the text shorter",
        "ik wil een einde aan de wachttijd",
        "how do I end the chat",
        "ik geraak niet meer door de deur met mijn rolstoel",
        "ik zie geen gat meer in mijn agenda deze week",
        # Thirtieth session: loneliness needs the first person and a feeling, and "alleen"
        # can mean "only" or living alone.
        "ik woon alleen",
        "kan mijn zoon alleen gaan wonen",
        "ik ben niet eenzaam",
        "ik ben soms eenzaam",
        "ons ma is eenzaam sinds ze in het rusthuis zit",
        "ik voel me alleen maar moe",
        "ik voel mij alleen goed bij mijn mama",
        "ik voel mij niet alleen dankzij de begeleiding",
        "is eenzaamheid een reden voor hulp",
        # Exhaustion needs the first person, and "op", "kapot" and "te veel" their place.
        "ik ben op zoek naar een dagcentrum",
        "ik ben op de hoogte",
        "de rolstoel is kapot",
        "wat als het budget op is",
        "ik ben moe",
        "is het te veel gevraagd om een afspraak",
        "de kosten zijn te veel",
        "ik heb te veel papieren",
        # Thirty-seventh session: crisis alarms of the cross-validation on the training data.
        "ons moeder is ni in gevaar, ze schreef da uit frustratie",
        "ik ben wel gefrustreerd maar niet in gevaar",
        "mag ik hier over hun situatie vertellen of is da ni veilig voor hun privacy",
        # Losing interest needs "everything" and the end of the message.
        "ik heb geen zin meer in die vragen",
        "ik heb er vandaag geen zin meer in, later verder",
        "ik heb geen zin in alles opnieuw te typen",
        "ik vind het nummer van het vaph nergens",
        "daar heb ik geen zin in nee",
        # Fifty-third session: after a crisis answer that was a false alarm, people quote
        # the words to say what they meant (crisis alarms of the cross-validation).
        "met slaan bedoelde ik dat mijn broer mij altijd verslaat met kaarten",
        "met ik kan ni meer bedoelde ik dat ik ni verder geraak in het formulier",
        "nee, met op straat bedoelde ik dat we verhuizen, er is al een nieuw appartement",
        'met "ik wil dood" bedoelde hij zijn computerspel',
        "ik zorg alleen voor mijn man en ben bang voor de dag dat ik zelf ziek word",
        "we zijn bang voor de toekomst van onze zoon",
    ],
)
def test_an_ordinary_message_with_the_same_words_is_no_signal(message):
    assert not signals_crisis(message, SIGNALS)


def test_an_emergency_call_is_no_support_type():
    """'noodoproep' once stood for oproepbare permanentie: a provider search for someone who
    has to make an emergency call. It belongs on the crisis path only."""
    support_words = {word for kind in load().support_types for word in kind.synonyms}

    assert not any("noodoproep" in word for word in support_words)
    assert signals_crisis("noodoproep", SIGNALS)


def test_every_crisis_message_of_the_training_data_has_a_signal():
    """So no crisis form the assistant was taught depends on the classifier alone: the
    5-fold cross-validation of 2026-12-01 missed 23 of 101 when they were left out of its
    training (docs/nlu.md)."""
    crisis = examples(PROJECT_ROOT / "data" / "nlu")["crisis"]
    assert len(crisis) > 100
    assert [text for text in crisis if not signals_crisis(text, SIGNALS)] == []
