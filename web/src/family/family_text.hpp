#pragma once
// The family space's UI text in Japanese and English (kept with the family space, like the file
// layer's files_text.hpp: the same rule, every message in both languages). Families are often
// elderly: short sentences, plain words, no jargon.

#include "ui/text_table.hpp"

namespace mimamori::web::family {

enum class T {
    Title, Loading, LoadFailed, Retry, Locked,
    SetupTitle, SetupBody, SetupPassword, SetupStart, SetupWorking,
    RecoveryTitle, RecoveryBody, RecoveryPrint, RecoveryPrintTitle, RecoveryDone,
    UnlockTitle, UnlockBody, UnlockPassword, UnlockButton, UnlockWorking, WrongPassword,
    ForgotTitle, ForgotBody, RecoveryCode, SignInPassword, RecoverButton, WrongRecoveryCode, BadRecoveryCode,
    LostAll, LostAllBody, LostAllButton, Back,
    Compose, Send, SendFailed, NoMemos, Unverifiable, UnverifiableHelp,
    Seen, Thanks, NoKeyYet, Preparing, Former,
    MembersTitle, MyCode, MyCodeHelp, TheirCode, Matched, Verified, Unverified, KeyChanged, KeyChangedHelp,
    RecordInvalid, NoKeys, ShareHistory, Shared,
    HelpTitle, HelpCannot, HelpCan, HelpLost, Family, Refresh, More, Open, BackToPatient,
    ScheduleTitle, ScheduleNone, ScheduleShareTitle, ScheduleDate, ScheduleTime, ScheduleWhat, ScheduleShare,
    ScheduleShared, ScheduleEntry, PhotoOpen, FileOpening, FileUnverifiable, FileUnverifiableHelp, FileClose,
    FilePreparing, HelpFiles, Weekdays, FileSave, FileSaved,
    Count
};

const char* tr(Lang lang, T t);
// Every text in both languages (the font builder gives headings their glyphs).
std::span<const ui::TextEntry<T>> texts();

} // namespace mimamori::web::family
