"""How new a message's words are: to the classifier, and to Dutch.

The TF-IDF n-grams of bot/tfidf_model.py only say something about words the training data
has. A message made of words it never met ("speel muziek", "bestel een pizza") scores on
little but the classes' priors, and the largest classes (`inform`, `faq`) took it; keyboard
noise ("sdfkjh") looked the same. Five numbers per message tell the classifier what the
n-grams cannot:

- the share of its words that no training example has, and whether that is all of them;
- the share of its words that are no Dutch word, and whether that is all of them;
- whether it has no word at all (only digits, signs or emoji).

"A Dutch word" is one that wordfreq's Dutch list (shipped with the package, no download)
gives a Zipf frequency of at least 1, about once in 100 million words: the Flemish spoken
forms ("ge", "kunde", "ni", "wablief") are in it, keyboard noise is not.

While training, a word counts as known when *another* training example has it too (a
leave-one-out count), so the examples teach what a word never met looks like; when
reading, a word is known when any training example had it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache

import numpy as np
import wordfreq
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

# Letters only, two or more: digits, signs and one-letter words say nothing here.
WORD = re.compile(r"[^\W\d_]{2,}")

# Zipf 1 is once in 100 million words; wordfreq gives 0 to what it never saw.
DUTCH_ZIPF_MIN = 1.0

FEATURES = ("unseen_share", "all_unseen", "not_dutch_share", "all_not_dutch", "no_words")


def words_of(text: str) -> frozenset[str]:
    return frozenset(WORD.findall(text.lower()))


@lru_cache(maxsize=200_000)
def is_dutch_word(word: str) -> bool:
    return wordfreq.zipf_frequency(word, "nl") >= DUTCH_ZIPF_MIN


class WordNovelty(BaseEstimator, TransformerMixin):
    """scikit-learn transformer: the five numbers of FEATURES for every text."""

    def fit(self, texts: Iterable[str], y: object = None) -> WordNovelty:
        self.fit_transform(list(texts))
        return self

    def fit_transform(self, texts: Iterable[str], y: object = None) -> sparse.csr_matrix:
        bags = [words_of(text) for text in texts]
        counts = Counter(word for bag in bags for word in bag)
        self.vocabulary_ = frozenset(counts)
        return _features(bags, lambda word: counts[word] >= 2)

    def transform(self, texts: Iterable[str]) -> sparse.csr_matrix:
        return _features([words_of(text) for text in texts], self.vocabulary_.__contains__)

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        return np.array(FEATURES, dtype=object)


def _features(bags: list[frozenset[str]], known: Callable[[str], bool]) -> sparse.csr_matrix:
    rows = np.zeros((len(bags), len(FEATURES)))
    for row, bag in zip(rows, bags, strict=True):
        if not bag:
            row[4] = 1.0
            continue
        unseen = [word for word in bag if not known(word)]
        not_dutch = [word for word in bag if not is_dutch_word(word)]
        row[:4] = (
            len(unseen) / len(bag),
            float(len(unseen) == len(bag)),
            len(not_dutch) / len(bag),
            float(len(not_dutch) == len(bag)),
        )
    return sparse.csr_matrix(rows)
