#include "family/family_text.hpp"

namespace mimamori::web::family {
namespace {

constexpr ui::TextEntry<T> kText[] = {
    {T::Title, "家族の連絡帳", "Family notebook"},
    {T::Loading, "読み込んでいます…", "Loading…"},
    {T::LoadFailed, "読み込めませんでした", "Could not load"},
    {T::Retry, "もう一度", "Try again"},
    {T::Locked, "同意が撤回されたため、読むことだけができます。", "Consent was withdrawn: you can only read."},
    {T::SetupTitle, "はじめに：あなたの鍵を作ります",
     "First: your keys"},
    {T::SetupBody,
     "家族の連絡帳の文章は、この画面の中で暗号化されます。サーバーには読めません。そのための鍵を作り、あなたのパスワードで守ります。",
     "The notebook's messages are encrypted on this screen: the server cannot read them. Your keys are made now and "
     "protected by your password."},
    {T::SetupPassword, "いまのパスワード", "Your current password"},
    {T::SetupStart, "鍵を作る", "Make my keys"},
    {T::SetupWorking, "鍵を作っています…", "Making your keys…"},
    {T::RecoveryTitle, "回復コード（一度だけ表示します）", "Recovery code (shown once)"},
    {T::RecoveryBody,
     "パスワードを忘れたときに、この回復コードで連絡帳を開けます。紙に書くか印刷して、大切に保管してください。",
     "If you forget your password, this code opens the notebook again. Write it down or print it and keep it safe."},
    {T::RecoveryPrint, "印刷する", "Print"},
    {T::RecoveryPrintTitle, "見守り 家族の連絡帳 回復コード", "Mimamori family notebook recovery code"},
    {T::RecoveryDone, "保管しました", "I have kept it"},
    {T::UnlockTitle, "連絡帳を開く", "Open the notebook"},
    {T::UnlockBody, "鍵を開くために、パスワードを入力してください。",
     "Type your password to open your keys."},
    {T::UnlockPassword, "パスワード", "Password"},
    {T::UnlockButton, "開く", "Open"},
    {T::UnlockWorking, "鍵を開いています…", "Opening your keys…"},
    {T::WrongPassword, "パスワードが違います（または鍵が変わっています）。", "Wrong password (or the keys were changed)."},
    {T::ForgotTitle, "パスワードを忘れた・変えた場合", "Forgot or changed your password"},
    {T::ForgotBody, "鍵を作ったときの回復コードと、いまのパスワードを入力してください。",
     "Type the recovery code you kept and your current password."},
    {T::RecoveryCode, "回復コード", "Recovery code"},
    {T::SignInPassword, "いまのパスワード", "Your current password"},
    {T::RecoverButton, "回復コードで開く", "Open with the recovery code"},
    {T::WrongRecoveryCode, "回復コードが違います。", "Wrong recovery code."},
    {T::BadRecoveryCode, "回復コードは 4 文字ずつ 6 組です。", "A recovery code is six groups of four characters."},
    {T::LostAll, "回復コードもない場合", "No recovery code either"},
    {T::LostAllBody,
     "新しい鍵を作ります。これまでのメモは、ほかのメンバーが連絡帳を開いたときに、もう一度読めるようになります。",
     "New keys are made. Earlier messages become readable again once another member opens the notebook."},
    {T::LostAllButton, "新しい鍵を作る", "Make new keys"},
    {T::Back, "戻る", "Back"},
    {T::Compose, "メッセージ", "Message"},
    {T::ComposeHint, "ケアチームに伝えたいこと", "What you want to tell the team"},
    {T::Send, "送る", "Send"},
    {T::Sending, "送っています…", "Sending…"},
    {T::SendFailed, "送れませんでした", "Could not send"},
    {T::NoMemos, "まだメッセージはありません。", "No messages yet."},
    {T::Unverifiable, "確認できないメモ", "Cannot be verified"},
    {T::UnverifiableHelp, "書いた人を確かめられないか、内容が変えられています。表示しません。",
     "Its writer cannot be confirmed or it was altered: it is not shown."},
    {T::Seen, "見ました", "Seen"},
    {T::Thanks, "ありがとう", "Thank you"},
    {T::NoKeyYet, "まだ鍵が届いていません。ほかのメンバーが連絡帳を開くと読めるようになります。",
     "Your key has not arrived yet. It will once another member opens the notebook."},
    {T::Preparing, "準備しています…", "Getting ready…"},
    {T::Former, "（退出）", "(left)"},
    {T::MembersTitle, "メンバーと鍵の確認", "Members and key check"},
    {T::MyCode, "わたしの確認番号", "My safety code"},
    {T::MyCodeHelp, "訪問のときに、相手の画面の番号と読み合わせてください。QR コードでも確かめられます。",
     "At a visit, read this out and compare it with the other person's screen, or let them scan the QR code."},
    {T::TheirCode, "確認番号", "Safety code"},
    {T::Matched, "番号が一致しました", "The codes match"},
    {T::Verified, "確認済み", "Verified"},
    {T::Unverified, "未確認", "Not verified"},
    {T::KeyChanged, "鍵が変わりました", "Key changed"},
    {T::KeyChangedHelp, "この人の鍵が、確認したときと変わっています。もう一度、番号を読み合わせてください。",
     "This person's key changed since you checked it. Compare the codes again."},
    {T::RecordInvalid, "確認の記録が壊れています", "The check record is damaged"},
    {T::NoKeys, "鍵はまだありません", "No keys yet"},
    {T::ShareHistory, "これまでのメモも見せる", "Share earlier messages"},
    {T::Shared, "共有しました", "Shared"},
    {T::HelpTitle, "サーバーに見えるもの・見えないもの", "What the server can and cannot see"},
    {T::HelpCannot,
     "見えないもの：メッセージに書いた文章。この画面の中で暗号化され、メンバーの鍵でしか開けません。",
     "It cannot see: what the messages say. They are encrypted on this screen and open only with the members' "
     "keys."},
    {T::HelpCan,
     "見えるもの：だれがメンバーか。だれが、いつ、どのくらいの長さのメッセージを書いたか。"
     "「見ました」「ありがとう」の押された記録。",
     "It can see: who the members are; who wrote when, and how long each message is; the 'Seen' and "
     "'Thank you' taps."},
    {T::HelpLost,
     "パスワードと回復コードの両方をなくすと、ほかのメンバーに鍵を渡し直してもらうまで読めません。",
     "If you lose both your password and your recovery code, you can read again once another member shares the "
     "keys with you."},
    {T::Family, "ご家族", "Family"},
    {T::Staff, "ケアチーム", "Care team"},
    {T::Refresh, "新しいメッセージを見る", "Check for new messages"},
    {T::More, "前のメッセージをもっと見る", "Show earlier messages"},
    {T::Open, "家族の連絡帳を開く", "Open the family notebook"},
    {T::BackToPatient, "← 患者さんの画面へ", "← Back to the patient"},
};

static_assert(ui::lists_every_key_in_order(kText), "kText lists every T once, in order");

} // namespace

const char* tr(Lang lang, T t) { return ui::text_of<T>(kText, lang, t); }

std::span<const ui::TextEntry<T>> texts() { return kText; }

} // namespace mimamori::web::family
