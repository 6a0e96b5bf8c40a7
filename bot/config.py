"""All configuration read from the environment, in one place.

Every variable has a default that runs the embedded setup (SQLite under var/, in-memory
lock store, everything on 127.0.0.1). Production points WEGWIJZER_DB_URL at PostgreSQL
and WEGWIJZER_REDIS_HOST at Redis. endpoints.yml reads the derived variables that
`rasa_environment()` exports, so Rasa and the Python code always agree.
"""

from __future__ import annotations

import os
import re
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = PROJECT_ROOT / "var"
MODEL_DIR = PROJECT_ROOT / "models"
SPACY_MODEL_DIR = VAR_DIR / "spacy" / "nl_wegwijzer"
DEFAULT_TEAMS_FILE = PROJECT_ROOT / "bot" / "handoff" / "teams.yml"
DEFAULT_TELEGRAM_API_URL = "https://api.telegram.org"
DEFAULT_TWILIO_API_URL = "https://api.twilio.com"
DEFAULT_FACEBOOK_API_URL = "https://graph.facebook.com"

# Each messaging channel's variables (WEGWIJZER_ + name) and the Settings field they fill.
CHANNEL_VARIABLES: dict[str, dict[str, str]] = {
    "Telegram": {
        "TELEGRAM_TOKEN": "telegram_token",
        "TELEGRAM_BOT_NAME": "telegram_bot_name",
        "TELEGRAM_WEBHOOK_URL": "telegram_webhook_url",
    },
    "Twilio": {
        "TWILIO_ACCOUNT_SID": "twilio_account_sid",
        "TWILIO_AUTH_TOKEN": "twilio_auth_token",
        "TWILIO_WEBHOOK_URL": "twilio_webhook_url",
        "TWILIO_SMS_NUMBER": "twilio_sms_number",
        "TWILIO_WHATSAPP_NUMBER": "twilio_whatsapp_number",
    },
    "Facebook": {
        "FACEBOOK_VERIFY": "facebook_verify",
        "FACEBOOK_SECRET": "facebook_secret",
        "FACEBOOK_PAGE_ACCESS_TOKEN": "facebook_page_access_token",
    },
}
TELEGRAM_TOKEN_SHAPE = re.compile(r"\d+:[\w-]+")
# The exit code of `make run` and `python -m bot.rasa_server` for a half-configured channel.
HALF_CONFIGURED_EXIT = 2
# Twilio needs a number to send from: the SMS one, the WhatsApp one or both.
TWILIO_NUMBERS = ("TWILIO_SMS_NUMBER", "TWILIO_WHATSAPP_NUMBER")
API_URL_VARIABLES = {
    "TELEGRAM_API_URL": ("telegram_api_url", DEFAULT_TELEGRAM_API_URL),
    "TWILIO_API_URL": ("twilio_api_url", DEFAULT_TWILIO_API_URL),
    "FACEBOOK_API_URL": ("facebook_api_url", DEFAULT_FACEBOOK_API_URL),
}


@dataclass(frozen=True)
class Settings:
    """Effective configuration of one Wegwijzer installation."""

    db_url: str
    redis_host: str
    redis_port: int
    rasa_host: str
    rasa_port: int
    action_host: str
    action_port: int
    web_host: str
    web_port: int
    rasa_token: str
    # Worker processes of the Rasa server (Sanic's), each with its own copy of the model
    # (about 1 GB). More than one needs the Redis lock store (WEGWIJZER_REDIS_HOST): with
    # the in-memory one, two workers could run turns of one conversation at once.
    rasa_workers: int = 1
    # The address people use to reach the web app; plan links start with it.
    public_url: str = ""
    # The trained model Rasa serves (make train writes it).
    model_path: str = str(MODEL_DIR / "wegwijzer.tar.gz")
    # The teams of trajectondersteuners: provinces, hours, webhook and e-mail per team.
    teams_file: str = str(DEFAULT_TEAMS_FILE)
    # A portal session ends after this many minutes without a request.
    portal_idle_minutes: int = 30
    # A worker counts as online for the hand-off when the portal saw them this recently.
    worker_online_minutes: int = 5
    # The portal's session cookie is only sent over HTTPS. Switch off only for plain-http
    # development on this machine (WEGWIJZER_PORTAL_SECURE_COOKIE=false).
    portal_secure_cookie: bool = True
    # E-mail to a team about an urgent case (bot/handoff/notify.py). No host: no e-mail.
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_sender: str = ""
    smtp_username: str = ""
    smtp_password: str = field(default="", repr=False)
    smtp_starttls: bool = True
    # The server secret: resume codes are stored as an HMAC with it, client addresses are
    # only kept as an HMAC. Default: made once and kept in var/secret.key (mode 600).
    secret_key: str = field(default="", repr=False)
    # Privacy and retention (docs/operations.md gives the reason for each default).
    # A conversation without consent is deleted after this many minutes without a message.
    session_minutes: int = 60
    # A plan (with its conversations) is deleted this many days after its last change.
    plan_keep_days: int = 365
    # A closed hand-off case (with its notes) is deleted this many days after closing.
    case_keep_days: int = 90
    # A plan link works this many days after it was made or extended.
    plan_link_days: int = 30
    # Chat messages one client (IP address) may send per minute to the web app.
    chat_messages_per_minute: int = 30
    # Sites that may show the chat in a frame (CSP frame-ancestors), space-separated.
    frame_ancestors: tuple[str, ...] = ()
    # Messaging channels (bot/channels/): each is on when all its variables are set.
    telegram_token: str = field(default="", repr=False)
    telegram_bot_name: str = ""
    telegram_webhook_url: str = ""
    twilio_account_sid: str = ""
    twilio_auth_token: str = field(default="", repr=False)
    twilio_webhook_url: str = ""
    twilio_sms_number: str = ""
    twilio_whatsapp_number: str = ""
    facebook_verify: str = field(default="", repr=False)
    facebook_secret: str = field(default="", repr=False)
    facebook_page_access_token: str = field(default="", repr=False)
    # The platforms' API addresses: the real ones, or a proxy or test server.
    telegram_api_url: str = DEFAULT_TELEGRAM_API_URL
    twilio_api_url: str = DEFAULT_TWILIO_API_URL
    facebook_api_url: str = DEFAULT_FACEBOOK_API_URL

    @property
    def rasa_url(self) -> str:
        return f"http://{self.rasa_host}:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://{self.action_host}:{self.action_port}"

    @property
    def web_url(self) -> str:
        return f"http://{self.web_host}:{self.web_port}"

    @property
    def plan_base_url(self) -> str:
        """Where the draft plans are: `<base>/<token>`."""
        return f"{self.public_url or self.web_url}/plan"

    @property
    def portal_url(self) -> str:
        """The portal's address as workers reach it (links in notifications)."""
        return f"{self.public_url or self.web_url}/portal"

    @property
    def lock_store_type(self) -> str:
        return "redis" if self.redis_host else "in_memory"

    def channel_on(self, channel: str) -> bool:
        """Whether a messaging channel ("Telegram", "Twilio", "Facebook") has any setting.

        `channel_problem` makes sure that such a channel has all it needs."""
        return any(getattr(self, name) for name in CHANNEL_VARIABLES[channel].values())


def _int(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise SystemExit(f"{name} must be a whole number, not {raw!r}.") from error


def _positive(env: dict[str, str], name: str, default: int) -> int:
    value = _int(env, name, default)
    if value < 1:
        raise SystemExit(f"{name} must be at least 1, not {value}.")
    return value


def _flag(env: dict[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "ja", "on"):
        return True
    if raw in ("0", "false", "no", "nee", "off"):
        return False
    raise SystemExit(f"{name} must be true or false, not {raw!r}.")


def _rasa_workers(env: dict[str, str]) -> int:
    workers = _positive(env, "WEGWIJZER_RASA_WORKERS", 1)
    if workers > 1 and not env.get("WEGWIJZER_REDIS_HOST", "").strip():
        raise SystemExit(
            "WEGWIJZER_RASA_WORKERS above 1 needs the Redis lock store: set "
            "WEGWIJZER_REDIS_HOST (one worker process runs without it)."
        )
    return workers


def _smtp_sender(env: dict[str, str]) -> str:
    sender = env.get("WEGWIJZER_SMTP_SENDER", "").strip()
    if env.get("WEGWIJZER_SMTP_HOST", "").strip() and not sender:
        raise SystemExit("WEGWIJZER_SMTP_SENDER (the From address) is needed with an SMTP host.")
    return sender


SECRET_KEY_FILE = VAR_DIR / "secret.key"


def _secret_key(env: dict[str, str]) -> str:
    """WEGWIJZER_SECRET_KEY, or the key kept in var/secret.key (made on first use)."""
    given = env.get("WEGWIJZER_SECRET_KEY", "").strip()
    if given:
        if len(given) < 32:
            raise SystemExit("WEGWIJZER_SECRET_KEY must be at least 32 characters long.")
        return given
    try:
        return SECRET_KEY_FILE.read_text().strip()
    except FileNotFoundError:
        pass
    SECRET_KEY_FILE.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    try:
        descriptor = os.open(SECRET_KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it just now
        return SECRET_KEY_FILE.read_text().strip()
    with os.fdopen(descriptor, "w") as file:
        file.write(key)
    return key


def _missing_channel_variables(settings: Settings, channel: str) -> list[str]:
    variables = CHANNEL_VARIABLES[channel]
    missing = [
        f"WEGWIJZER_{variable}"
        for variable, name in variables.items()
        if variable not in TWILIO_NUMBERS and not getattr(settings, name)
    ]
    if channel == "Twilio" and not any(getattr(settings, variables[v]) for v in TWILIO_NUMBERS):
        missing.append(" or ".join(f"WEGWIJZER_{v}" for v in TWILIO_NUMBERS))
    return missing


def channel_problem(settings: Settings) -> str | None:
    """One line naming what a half-configured messaging channel still needs, or None."""
    problems = []
    for channel in CHANNEL_VARIABLES:
        missing = (
            _missing_channel_variables(settings, channel) if settings.channel_on(channel) else []
        )
        if missing:
            problems.append(
                f"{channel} is half configured: set {', '.join(missing)} (or none of its variables)"
            )
    token = settings.telegram_token
    if token and not TELEGRAM_TOKEN_SHAPE.fullmatch(token):
        problems.append(
            "WEGWIJZER_TELEGRAM_TOKEN is not a token from BotFather (digits, a colon, letters)"
        )
    return "; ".join(problems) + "." if problems else None


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Read the settings from `env` (default: the process environment)."""
    env = dict(os.environ if env is None else env)
    return Settings(
        db_url=env.get("WEGWIJZER_DB_URL") or f"sqlite:///{VAR_DIR / 'tracker.db'}",
        redis_host=env.get("WEGWIJZER_REDIS_HOST", ""),
        redis_port=_int(env, "WEGWIJZER_REDIS_PORT", 6379),
        rasa_host=env.get("WEGWIJZER_RASA_HOST", "127.0.0.1"),
        rasa_port=_int(env, "WEGWIJZER_RASA_PORT", 5005),
        action_host=env.get("WEGWIJZER_ACTION_HOST", "127.0.0.1"),
        action_port=_int(env, "WEGWIJZER_ACTION_PORT", 5055),
        web_host=env.get("WEGWIJZER_WEB_HOST", "127.0.0.1"),
        web_port=_int(env, "WEGWIJZER_WEB_PORT", 8080),
        # A generated token by default: only processes started together know it.
        # Hex: a token starting with "-" would be taken for an option by `rasa run`.
        rasa_token=env.get("WEGWIJZER_RASA_TOKEN") or secrets.token_hex(32),
        rasa_workers=_rasa_workers(env),
        public_url=env.get("WEGWIJZER_PUBLIC_URL", "").rstrip("/"),
        model_path=env.get("WEGWIJZER_MODEL") or str(MODEL_DIR / "wegwijzer.tar.gz"),
        teams_file=env.get("WEGWIJZER_TEAMS_FILE") or str(DEFAULT_TEAMS_FILE),
        portal_idle_minutes=_positive(env, "WEGWIJZER_PORTAL_IDLE_MINUTES", 30),
        worker_online_minutes=_positive(env, "WEGWIJZER_WORKER_ONLINE_MINUTES", 5),
        portal_secure_cookie=_flag(env, "WEGWIJZER_PORTAL_SECURE_COOKIE", True),
        smtp_host=env.get("WEGWIJZER_SMTP_HOST", "").strip(),
        smtp_port=_positive(env, "WEGWIJZER_SMTP_PORT", 587),
        smtp_sender=_smtp_sender(env),
        smtp_username=env.get("WEGWIJZER_SMTP_USERNAME", ""),
        smtp_password=env.get("WEGWIJZER_SMTP_PASSWORD", ""),
        smtp_starttls=_flag(env, "WEGWIJZER_SMTP_STARTTLS", True),
        secret_key=_secret_key(env),
        session_minutes=_positive(env, "WEGWIJZER_SESSION_MINUTES", 60),
        plan_keep_days=_positive(env, "WEGWIJZER_PLAN_KEEP_DAYS", 365),
        case_keep_days=_positive(env, "WEGWIJZER_CASE_KEEP_DAYS", 90),
        plan_link_days=_positive(env, "WEGWIJZER_PLAN_LINK_DAYS", 30),
        chat_messages_per_minute=_positive(env, "WEGWIJZER_CHAT_MESSAGES_PER_MINUTE", 30),
        frame_ancestors=tuple(env.get("WEGWIJZER_FRAME_ANCESTORS", "").split()),
        **_channel_settings(env),
    )


def _channel_settings(env: dict[str, str]) -> dict[str, str]:
    values = {
        name: env.get(f"WEGWIJZER_{variable}", "").strip()
        for variables in CHANNEL_VARIABLES.values()
        for variable, name in variables.items()
    }
    for variable, (name, default) in API_URL_VARIABLES.items():
        values[name] = (env.get(f"WEGWIJZER_{variable}", "").strip() or default).rstrip("/")
    return values


def _channel_environment(settings: Settings) -> dict[str, str]:
    variables = {v: n for group in CHANNEL_VARIABLES.values() for v, n in group.items()}
    variables.update({v: name for v, (name, _) in API_URL_VARIABLES.items()})
    return {f"WEGWIJZER_{v}": getattr(settings, name) for v, name in variables.items()}


LOCK_STORE_CLASSES = {"redis": "bot.lock_store.AtomicRedisLockStore"}


def rasa_environment(settings: Settings, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for Rasa, the action server and the web app.

    It contains every WEGWIJZER_* variable with its effective value, plus the derived
    ones that endpoints.yml expands.
    """
    env = dict(os.environ if base is None else base)
    env.update(
        {
            "WEGWIJZER_DB_URL": settings.db_url,
            "WEGWIJZER_REDIS_HOST": settings.redis_host,
            "WEGWIJZER_REDIS_PORT": str(settings.redis_port),
            # Redis through bot/lock_store.py: Rasa's own Redis lock store can hand two
            # servers the same ticket.
            "WEGWIJZER_LOCK_STORE": LOCK_STORE_CLASSES.get(
                settings.lock_store_type, settings.lock_store_type
            ),
            "WEGWIJZER_RASA_HOST": settings.rasa_host,
            "WEGWIJZER_RASA_PORT": str(settings.rasa_port),
            "WEGWIJZER_ACTION_HOST": settings.action_host,
            "WEGWIJZER_ACTION_PORT": str(settings.action_port),
            "WEGWIJZER_ACTION_ENDPOINT": f"{settings.action_url}/webhook",
            "WEGWIJZER_WEB_HOST": settings.web_host,
            "WEGWIJZER_WEB_PORT": str(settings.web_port),
            "WEGWIJZER_RASA_TOKEN": settings.rasa_token,
            "WEGWIJZER_RASA_WORKERS": str(settings.rasa_workers),
            # What Rasa reads (rasa.core.utils.number_of_sanic_workers); it would quietly
            # run one worker without a Redis lock store, which _rasa_workers refuses.
            "SANIC_WORKERS": str(settings.rasa_workers),
            "WEGWIJZER_PUBLIC_URL": settings.public_url or settings.web_url,
            "WEGWIJZER_MODEL": settings.model_path,
            "WEGWIJZER_TEAMS_FILE": settings.teams_file,
            "WEGWIJZER_PORTAL_IDLE_MINUTES": str(settings.portal_idle_minutes),
            "WEGWIJZER_WORKER_ONLINE_MINUTES": str(settings.worker_online_minutes),
            "WEGWIJZER_PORTAL_SECURE_COOKIE": "true" if settings.portal_secure_cookie else "false",
            "WEGWIJZER_SMTP_HOST": settings.smtp_host,
            "WEGWIJZER_SMTP_PORT": str(settings.smtp_port),
            "WEGWIJZER_SMTP_SENDER": settings.smtp_sender,
            "WEGWIJZER_SMTP_USERNAME": settings.smtp_username,
            "WEGWIJZER_SMTP_PASSWORD": settings.smtp_password,
            "WEGWIJZER_SMTP_STARTTLS": "true" if settings.smtp_starttls else "false",
            "WEGWIJZER_SECRET_KEY": settings.secret_key,
            "WEGWIJZER_SESSION_MINUTES": str(settings.session_minutes),
            "WEGWIJZER_PLAN_KEEP_DAYS": str(settings.plan_keep_days),
            "WEGWIJZER_CASE_KEEP_DAYS": str(settings.case_keep_days),
            "WEGWIJZER_PLAN_LINK_DAYS": str(settings.plan_link_days),
            "WEGWIJZER_CHAT_MESSAGES_PER_MINUTE": str(settings.chat_messages_per_minute),
            "WEGWIJZER_FRAME_ANCESTORS": " ".join(settings.frame_ancestors),
            **_channel_environment(settings),
            # The action server binds to this address (rasa_sdk reads SANIC_HOST).
            "SANIC_HOST": settings.action_host,
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "PYTHONPATH": str(PROJECT_ROOT),
            # The Procfile's commands (rasa, python) come from this interpreter's venv.
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        }
    )
    return env
