"""Words for the people around someone, by `relation` id of the NLU contract.

One place for both readers: the entity ruler of the spaCy pipeline (bot/nlp_pipeline.py)
and the plain-text check of network introductions (bot/network_introductions.py). Kept in
its own module so the action server can read the words without importing spaCy (and,
through thinc, TensorFlow: tests/test_action_server.py).
"""

from __future__ import annotations

RELATION_WORDS = {
    "ouder": ["mama", "papa", "moeder", "vader", "ouder", "ouders", "mams", "moeke", "vake"],
    "kind": ["zoon", "dochter", "kind", "zoontje", "dochtertje", "kindje"],
    "broer_zus": ["broer", "zus", "zuster", "broertje", "zusje", "zuske"],
    "partner": ["vrouw", "man", "partner", "echtgenoot", "echtgenote", "lief"],
    "begeleider": ["begeleider", "begeleidster", "opvoeder", "opvoedster"],
    "vriend": ["vriend", "vriendin", "maat", "kameraad"],
}
# "my", "our" as people write it ("mijne pa", "ons moeder").
POSSESSIVES = ("mijn", "mijne", "m'n", "mn", "men", "ons", "onze")
# Flemish words that are a relation only after a possessive: "ons ma", "mijne pa" are a
# mother and a father, but "ma" alone is as often "maar" ("ma ik weet het niet").
AFTER_POSSESSIVE_WORDS = {"ouder": ["ma", "pa"]}
