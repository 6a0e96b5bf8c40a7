"""Rasa's own command line, with Wegwijzer's training speed-up installed first.

    python -m bot exec -- python -m bot.rasa_cli train --fixed-model-name wegwijzer --out models

Takes the same arguments as `rasa` (train, test, shell, ...). The only difference is
bot/training_speed.py: Keras' training datasets run without tf.data's autotuner, which
gives the same model in less time. The Rasa server has its own entry (bot/rasa_server.py).
"""

from __future__ import annotations

import sys


def main() -> None:
    from bot import training_speed

    training_speed.install()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
