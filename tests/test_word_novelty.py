"""The word-novelty numbers beside the intent classifier's n-grams (bot/word_novelty.py)."""

from __future__ import annotations

import pytest

from bot.word_novelty import FEATURES, WordNovelty, is_dutch_word

TRAINING = [
    "ik zoek hulp in gent",
    "ik wil een budget aanvragen",
    "hoe vraag ik een budget aan",
    "zoek hulp",
]


def numbers(model: WordNovelty, text: str) -> dict[str, float]:
    return dict(zip(FEATURES, model.transform([text]).toarray()[0], strict=True))


@pytest.fixture(scope="module")
def model() -> WordNovelty:
    return WordNovelty().fit(TRAINING)


def test_words_the_training_data_has_are_not_new(model):
    assert numbers(model, "ik zoek een budget") == {
        "unseen_share": 0.0,
        "all_unseen": 0.0,
        "not_dutch_share": 0.0,
        "all_not_dutch": 0.0,
        "no_words": 0.0,
    }


def test_dutch_words_never_met_are_new_but_dutch(model):
    found = numbers(model, "bestel een pizza")
    assert found["unseen_share"] == pytest.approx(2 / 3)
    assert found["not_dutch_share"] == 0.0


def test_keyboard_noise_is_no_dutch_word(model):
    found = numbers(model, "sdfkjh qwpoeiru")
    assert found["all_unseen"] == 1.0
    assert found["all_not_dutch"] == 1.0


def test_flemish_spoken_forms_are_dutch_words():
    assert all(is_dutch_word(word) for word in ("ge", "kunde", "ni", "wablief", "allee"))
    assert not any(is_dutch_word(word) for word in ("sdfkjh", "qwpoeiru", "jjjjjjj"))


def test_a_message_without_letters_has_no_words(model):
    assert numbers(model, "3290 !!! 🙂")["no_words"] == 1.0


def test_while_training_a_word_only_one_example_has_counts_as_new():
    rows = WordNovelty().fit_transform(TRAINING).toarray()
    # "gent" and "in" are only in the first example; "wil" and "aanvragen" only in the second.
    assert rows[0][0] == pytest.approx(2 / 5)
    assert rows[1][0] == pytest.approx(2 / 5)
    # Every word of "zoek hulp" is in another example too.
    assert rows[3][0] == 0.0


def test_noise_the_training_data_has_is_still_no_dutch_word():
    # Gibberish examples teach with words like these; met again, they are known but no
    # Dutch word, as they were while training.
    model = WordNovelty().fit([*TRAINING, "plmokn", "plmokn"])
    found = numbers(model, "qzxv plmokn")
    assert found["unseen_share"] == pytest.approx(1 / 2)
    assert found["all_not_dutch"] == 1.0
