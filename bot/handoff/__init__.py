"""The hand-off to a human trajectondersteuner: pure Python on top of bot.storage.

teams        the teams file: provinces, hours, webhook and e-mail per team
routing      a place (municipality, postcode, province) -> its team
schedule     open now?, next opening, and both in plain Dutch
contact      the contact preference; checking a phone number or e-mail address
summary      what was known, as a short case summary, and Dutch lines for the portal
cases        create (with routing), queue, claim, release, close, contact details
plan_review  worker notes per plan part and the plan's status
add_worker   the `python -m bot add-worker` command

Accounts, portal sessions, login limits and the audit log are in bot.storage (workers,
portal_sessions, login_limits, audit_log).
"""
