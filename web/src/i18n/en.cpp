// English UI text.

#include "i18n/i18n.hpp"

namespace mimamori::web::i18n {
namespace {

constexpr Entry kEnglish[] = {
    {Msg::AppName, "Mimamori"},
    {Msg::AppTagline, "Home-care team network"},
    {Msg::LanguageJapanese, "日本語"},
    {Msg::LanguageEnglish, "English"},
    {Msg::NavHome, "Home"},
    {Msg::NavAbout, "About this app"},
    {Msg::StatusTitle, "System status"},
    {Msg::StatusChecking, "Checking…"},
    {Msg::StatusServer, "Server"},
    {Msg::StatusDatabase, "Database"},
    {Msg::StatusOk, "Working normally"},
    {Msg::StatusServerUnreachable, "Cannot reach the server. Please check the network connection."},
    {Msg::StatusServerError, "The server is not answering correctly."},
    {Msg::StatusDatabaseDown, "The database is unavailable. Please check again in a moment."},
    {Msg::StatusRetrying, "Checking again automatically shortly."},
    {Msg::StatusAppVersion, "App version"},
    {Msg::StatusServerVersion, "Server version"},
    {Msg::StatusSchemaVersion, "Data schema"},
    {Msg::StatusRecheck, "Check again"},
    {Msg::InputTitle, "Try typing"},
    {Msg::InputHelp,
     "Check here that Japanese input and a tablet's on-screen keyboard work. Nothing you type is saved."},
    {Msg::InputLabel, "Text field"},
    {Msg::InputHint, "Type here"},
    {Msg::InputCharacters, "characters"},
    {Msg::AboutTitle, "About this app"},
    {Msg::AboutBody,
     "Mimamori lets the team caring for a patient at home (doctors, dentists, nurses, pharmacists, care "
     "managers and helpers) share how the patient is doing, plan visits, and exchange photos and files "
     "safely."},
    {Msg::AboutFamily,
     "Messages with the family are kept apart from the professionals' records and encrypted on the device."},
    {Msg::AboutFont, "Typeface: BIZ UDPGothic (Morisawa Inc., SIL Open Font License 1.1)"},
    {Msg::NotFoundTitle, "Page not found"},
    {Msg::NotFoundBody, "There is no page at this address. Please start again from Home."},
    {Msg::BackHome, "Back to Home"},
};
static_assert(complete(kEnglish), "en.cpp must list every i18n::Msg exactly once");

} // namespace

std::span<const Entry> english_table() { return kEnglish; }

} // namespace mimamori::web::i18n
