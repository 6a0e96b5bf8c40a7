"""The application database of the intake: plans, answers, versions, resume codes, privacy.

`db` has the engine, sessions and migrations; `plans`, `resume_codes` and `privacy` hold
the operations, each taking an open session first.
"""
