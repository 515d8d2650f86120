"""Who may use the bot: checked before every other handler, for every kind of update.

A private chat is allowed when its user is in `allowed_user_ids` (or `admin_user_ids`); a
group, supergroup or channel when the chat is in `allowed_chat_ids`, and then any of its
members may ask. An allowed user in a group that is not allowed is refused there: the
answers would be read by everyone in that group. Anyone else gets one polite refusal (per
user in private, per chat in a group) and the update goes no further, so nothing is
retrieved for them.
"""

from __future__ import annotations

import logging

from telegram import Chat, Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from rag.settings import TelegramSettings

log = logging.getLogger(__name__)

REFUSAL_PRIVATE = (
    "Xin lỗi, anh/chị chưa có quyền sử dụng trợ lý này. "
    "Vui lòng liên hệ quản trị viên và gửi mã người dùng: {user_id}."
)
REFUSAL_GROUP = (
    "Xin lỗi, nhóm này chưa được cấp quyền sử dụng trợ lý. "
    "Vui lòng liên hệ quản trị viên và gửi mã nhóm: {chat_id}."
)
REFUSAL_SHORT = "Xin lỗi, anh/chị chưa có quyền sử dụng trợ lý này."
MAX_REMEMBERED = 10_000  # refused users/chats kept in memory; a flood of strangers cannot grow it


class Gate:
    """The allowlist, as a PTB callback for `TypeHandler(Update, gate.check)` in group -1."""

    def __init__(self, settings: TelegramSettings) -> None:
        self.users = frozenset(settings.allowed_user_ids) | frozenset(settings.admin_user_ids)
        self.chats = frozenset(settings.allowed_chat_ids)
        self._refused: set[tuple[str, int]] = set()  # who has had their one refusal

    @property
    def empty(self) -> bool:
        return not self.users and not self.chats

    def allows(self, update: Update) -> bool:
        chat, user = update.effective_chat, update.effective_user
        if chat is None:
            # Updates with no chat (inline queries, polls…) carry nothing we answer.
            return user is not None and user.id in self.users
        if chat.type == Chat.PRIVATE:
            return user is not None and user.id in self.users
        return chat.id in self.chats

    async def check(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Let allowed updates through; refuse the others once and stop them here."""
        if self.allows(update):
            return
        chat, user = update.effective_chat, update.effective_user
        log.info(
            "refused update %s from user %s in chat %s",
            update.update_id,
            user.id if user else None,
            chat.id if chat else None,
        )
        try:
            await self._refuse(update, context)
        except TelegramError:
            log.warning("could not send the refusal", exc_info=True)
        raise ApplicationHandlerStop

    async def _refuse(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat, user = update.effective_chat, update.effective_user
        if update.callback_query is not None:
            # A button must be answered or its spinner keeps turning; an alert says why.
            await update.callback_query.answer(REFUSAL_SHORT, show_alert=True)
        if chat is None:
            return
        private = chat.type == Chat.PRIVATE
        key = ("user", user.id) if private and user else ("chat", chat.id)
        if key in self._refused or update.callback_query is not None:
            return
        if len(self._refused) >= MAX_REMEMBERED:
            self._refused.clear()
        self._refused.add(key)
        text = (
            REFUSAL_PRIVATE.format(user_id=user.id if user else "?")
            if private
            else REFUSAL_GROUP.format(chat_id=chat.id)
        )
        await context.bot.send_message(chat.id, text)
