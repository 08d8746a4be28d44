#include "services/demo_family_space.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "mimamori/common/family_crypto/key_wrap.hpp"
#include "mimamori/common/family_crypto/memo_content.hpp"
#include "mimamori/common/japan_time.hpp"
#include "repositories/account_repository.hpp"
#include "repositories/family_space_repository.hpp"

namespace mimamori::services::demo {

namespace fc = family_crypto;

namespace {

const char* const k_file = "family_space.json";

Error wrong(const std::string& what) { return Error::make(ErrorCode::InvalidInput, std::string(k_file) + ": " + what); }

struct DemoMember {
    std::string login;
    std::string password;
    std::optional<std::string> recovery_code;
    fc::MemberIdentity identity;
    std::optional<fc::WrappedKeys> password_wrap;
    std::optional<fc::WrappedKeys> recovery_wrap;
    std::optional<Error> error;
};

// Argon2id at the production parameters is slow and takes 64 MiB each: two at a time.
void wrap_all(std::vector<DemoMember>& members) {
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < members.size(); i = next++) {
            auto& m = members[i];
            auto wrap = fc::wrap_member_keys(m.identity, m.password, fc::KdfParams::interactive());
            if (!wrap) { m.error = wrap.error(); continue; }
            m.password_wrap = *wrap;
            if (!m.recovery_code) continue;
            auto recovery = fc::wrap_member_keys_for_recovery(m.identity, *m.recovery_code, fc::KdfParams::interactive());
            if (!recovery) { m.error = recovery.error(); continue; }
            m.recovery_wrap = *recovery;
        }
    };
    std::thread helper(work);
    work();
    helper.join();
}

const DemoMember* member_of(const std::vector<DemoMember>& members, const Json& login) {
    if (!login.is_string()) return nullptr;
    auto it = std::find_if(members.begin(), members.end(), [&](const DemoMember& m) { return m.login == login; });
    return it == members.end() ? nullptr : &*it;
}

} // namespace

Result<FamilySpaceCounts> insert_family_space(db::Tx& tx, const std::filesystem::path& dir,
                                              const std::map<std::string, std::string>& passwords) {
    std::ifstream in(dir / k_file, std::ios::binary);
    if (!in) return FamilySpaceCounts{};
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = json::parse_object(text.str());
    if (!parsed) return wrong(parsed.error().message);
    const Json& j = *parsed;

    auto patient = repositories::patient_id_by_name(tx, j.value("patient", ""));
    if (!patient) return wrong("\"patient\" must name one patient of region.json");
    const Json logins = j.value("members", Json::array());
    const Json codes = j.value("recovery_codes", Json::object());
    std::vector<DemoMember> members;
    for (const auto& login : logins) {
        if (!login.is_string()) return wrong("members must be logins");
        auto account = repositories::find_credentials_by_login(tx, login.get<std::string>());
        auto password = passwords.find(login.get<std::string>());
        if (!account || password == passwords.end())
            return wrong("member " + login.dump() + " has no sign-in in accounts.json");
        DemoMember m{login.get<std::string>(), password->second, std::nullopt,
                     fc::MemberIdentity{account->id, fc::generate_member_keys()}, std::nullopt, std::nullopt, std::nullopt};
        if (codes.contains(m.login)) {
            auto code = fc::normalise_recovery_key_code(codes.at(m.login).is_string() ? codes.at(m.login).get<std::string>() : "");
            if (!code) return wrong("recovery_codes." + m.login + ": " + code.error().message);
            m.recovery_code = *code;
        }
        members.push_back(std::move(m));
    }
    if (members.empty()) return wrong("members must name the space's members");
    wrap_all(members);
    std::map<std::int64_t, std::int64_t> key_ids; // account -> key id
    for (const auto& m : members) {
        if (m.error) return wrong(m.login + ": " + m.error->message);
        const auto key_id = repositories::replace_member_keys(tx, m.identity.account_id, m.identity.keys.public_keys);
        repositories::put_key_wrap(tx, key_id, *m.password_wrap);
        if (m.recovery_wrap) repositories::put_key_wrap(tx, key_id, *m.recovery_wrap);
        key_ids[m.identity.account_id] = key_id;
    }

    const DemoMember* sealer = member_of(members, j.value("sealed_by", Json()));
    if (!sealer) return wrong("sealed_by must be one of the members");
    const fc::EpochKey key = fc::new_epoch_key(*patient, 1);
    std::vector<fc::Member> recipients;
    for (const auto& m : members) recipients.push_back(m.identity.as_member());
    auto grants = fc::seal_epoch_key_to_members(key, recipients, sealer->identity);
    if (!grants) return wrong(grants.error().message);
    repositories::insert_epoch(tx, *patient, 1, sealer->identity.account_id);
    for (const auto& g : *grants) repositories::insert_grant(tx, g, key_ids.at(g.recipient_account_id));

    const std::int64_t now_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    std::vector<std::int64_t> seqs;
    const Json memos = j.value("memos", Json::array());
    for (std::size_t i = 0; i < memos.size(); ++i) {
        const std::string at = "memos[" + std::to_string(i) + "]";
        const Json& memo = memos[i];
        const DemoMember* author = memo.is_object() ? member_of(members, memo.value("author", Json())) : nullptr;
        if (!author) return wrong(at + ".author must be one of the members");
        if (!memo.value("text", Json()).is_string() || !memo.value("minutes_ago", Json()).is_number_unsigned())
            return wrong(at + " needs \"text\" and \"minutes_ago\" (a whole number)");
        fc::FamilyMemoContent content;
        content.text = memo.at("text").get<std::string>();
        const std::int64_t time_ms = now_ms - memo.at("minutes_ago").get<std::int64_t>() * 60'000;
        // A schedule entry the team shares: {"days_ahead": 2, "time": "10:00", "what": "訪問看護"},
        // dated from today in Japan so that the demo always shows it as upcoming.
        if (const Json entry = memo.value("schedule", Json()); !entry.is_null()) {
            if (!entry.is_object() || !entry.value("days_ahead", Json()).is_number_unsigned() ||
                !entry.value("time", Json()).is_string() || !entry.value("what", Json()).is_string())
                return wrong(at + ".schedule needs \"days_ahead\", \"time\" and \"what\"");
            const Date day = japan_date(now_ms / 1000).add_days(entry.at("days_ahead").get<std::int64_t>());
            auto made = fc::make_schedule_entry(day.to_string(), entry.at("time").get<std::string>(),
                                                entry.at("what").get<std::string>());
            if (!made) return wrong(at + ".schedule: " + made.error().message);
            content.schedule = std::move(made).value();
        }
        auto envelope = fc::seal_memo_content(key, author->identity, fc::new_client_id(), time_ms, content);
        if (!envelope) return wrong(at + ": " + envelope.error().message);
        seqs.push_back(repositories::insert_memo(tx, *envelope, key_ids.at(author->identity.account_id)));
    }
    for (const auto& r : j.value("reactions", Json::array())) {
        const DemoMember* by = r.is_object() ? member_of(members, r.value("by", Json())) : nullptr;
        const Json memo = r.is_object() ? r.value("memo", Json()) : Json();
        const std::size_t index = memo.is_number_unsigned() ? memo.get<std::size_t>() : seqs.size();
        const Json kind_json = r.is_object() ? r.value("kind", Json()) : Json();
        const std::string kind = kind_json.is_string() ? kind_json.get<std::string>() : "";
        if (!by || index >= seqs.size() || (kind != "seen" && kind != "thanks"))
            return wrong("reactions: each names a memo index, a member and seen or thanks");
        repositories::add_reaction(tx, seqs[index], by->identity.account_id, kind);
    }
    return FamilySpaceCounts{members.size(), seqs.size()};
}

} // namespace mimamori::services::demo
