// Japanese UI text: the default language.

#include "i18n/i18n.hpp"

namespace mimamori::web::i18n {
namespace {

constexpr Entry kJapanese[] = {
    {Msg::AppName, "みまもり"},
    {Msg::AppTagline, "在宅医療・介護の連携ネットワーク"},
    {Msg::LanguageJapanese, "日本語"},
    {Msg::LanguageEnglish, "English"},
    {Msg::NavHome, "ホーム"},
    {Msg::NavAbout, "このアプリについて"},
    {Msg::StatusTitle, "システムの状態"},
    {Msg::StatusChecking, "確認しています…"},
    {Msg::StatusServer, "サーバー"},
    {Msg::StatusDatabase, "データベース"},
    {Msg::StatusOk, "正常に動作しています"},
    {Msg::StatusServerUnreachable, "サーバーに接続できません。ネットワークの接続を確認してください。"},
    {Msg::StatusServerError, "サーバーが正しく応答していません。"},
    {Msg::StatusDatabaseDown, "データベースを利用できません。しばらくしてから再確認してください。"},
    {Msg::StatusRetrying, "しばらくすると自動的に再確認します。"},
    {Msg::StatusAppVersion, "アプリのバージョン"},
    {Msg::StatusServerVersion, "サーバーのバージョン"},
    {Msg::StatusSchemaVersion, "データ形式の版"},
    {Msg::StatusRecheck, "再確認"},
    {Msg::InputTitle, "文字入力の確認"},
    {Msg::InputHelp, "日本語入力やタブレットの画面キーボードが使えるか、ここで試せます。入力した内容は保存されません。"},
    {Msg::InputLabel, "入力欄"},
    {Msg::InputHint, "ここに入力してください"},
    {Msg::InputCharacters, "文字"},
    {Msg::AboutTitle, "このアプリについて"},
    {Msg::AboutBody,
     "みまもりは、自宅で療養する方を支える医師・歯科医師・看護師・薬剤師・ケアマネジャー・ヘルパーなどのチームが、"
     "患者さんの様子や訪問の予定、写真やファイルを安全に共有するためのシステムです。"},
    {Msg::AboutFamily, "ご家族とのやりとりは、専門職の記録とは分けて、端末の中で暗号化して届けます。"},
    {Msg::AboutFont, "表示フォント: BIZ UDPゴシック（株式会社モリサワ、SIL Open Font License 1.1）"},
    {Msg::NotFoundTitle, "ページが見つかりません"},
    {Msg::NotFoundBody, "このアドレスのページはありません。ホームから操作をやり直してください。"},
    {Msg::BackHome, "ホームへ戻る"},
};
static_assert(complete(kJapanese), "ja.cpp must list every i18n::Msg exactly once");

} // namespace

std::span<const Entry> japanese_table() { return kJapanese; }

} // namespace mimamori::web::i18n
