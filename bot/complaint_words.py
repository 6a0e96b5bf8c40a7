"""Words of a complaint: "een klacht", "klagen", "ontevreden", "niet tevreden", "nie content".

Plain Python without Rasa, used by the action server (actions/complaints.py: where a
complaint goes) and by the NLU component bot/network_introduction_signal.py (a complaint
about "mijn begeleider" is no introduction of a network member).
"""

from __future__ import annotations

import re

COMPLAINS = re.compile(
    r"\bklacht\w*|\bklagen\b|\bbeklag\w*|\bontevreden\b"
    r"|\b(?:niet|ni|nie)\s+(?:(?:zo|erg|echt|meer)\s+)?(?:tevreden|content)\b",
    re.IGNORECASE,
)
