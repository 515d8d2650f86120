"""The Telegram bot: officials ask in chat and get the figure with its sources.

Modules, one job each: `app` (composition root, polling/webhook, shutdown), `handlers`
(commands, questions, buttons, the error handler), `access` (allowlist, before everything),
`render` (escaped HTML, splitting, buttons), `followup` (short follow-up questions),
`records` (SQLite audit log, gold candidates), `delivery` (429 and network retries),
`throttle` (per-user question rate), `commands` (`baocao bot`, `baocao feedback export`).

Choices where the issue was silent:
- Groups: the chat must be allowed; an allowed user in a group that is not allowed is
  refused there, since everyone in that group would read the answers. In an allowed group
  any member may ask and vote.
- One refusal per user (private) or per chat (group) per run of the bot; later updates from
  them are dropped silently (a refused button press still gets a short alert).
- Edited messages are checked by the allowlist but not answered again.
- A follow-up ("còn tháng 11/2023?") is a message of at most 8 words that names a period and
  nothing else of substance; it replaces the previous question's period.
- A 👎 offers the four reasons as buttons; "khác" asks for a line of text in a reply.
  `baocao feedback export` writes 👎 that have a reason (`--all`: every 👎).
- A user may ask 20 questions a minute (`questions_per_minute` of `build_application`).
- Webhook mode listens on `--listen`/`--port` of `baocao bot` (default 0.0.0.0:8443) on the
  path of the webhook URL; without `BAOCAO_TELEGRAM__WEBHOOK_SECRET` a random secret is
  registered at each start.
"""
