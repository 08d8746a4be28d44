// Benchmark of the family space's reading path (issue 6): 1,000 memos decrypted and verified as
// the app does it (MemoOpener: one Ed25519 verification and one XChaCha20-Poly1305 decryption
// each, then the content's JSON decoded). The same source runs natively and, built by emcc, in
// headless Chromium (tools/bench family), so the two medians compare the same work. Prints one
// line: "family-bench {json}". Not a test: it asserts nothing about time.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "mimamori/common/family_crypto/memo_content.hpp"

namespace fc = mimamori::family_crypto;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kMemos = 1000;
constexpr int kRuns = 11;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> xs) {
    std::sort(xs.begin(), xs.end());
    return xs[xs.size() / 2];
}

} // namespace

int main() {
    if (sodium_init() < 0) return 1;
    // A space of three members; memos of a typical length (about 120 characters of Japanese).
    std::vector<fc::MemberIdentity> members;
    fc::MemberDirectory directory;
    for (fc::AccountId id = 1; id <= 3; ++id) {
        members.push_back(fc::MemberIdentity{id, fc::generate_member_keys()});
        (void)directory.add(members.back().as_member());
    }
    fc::EpochKeyring ring(7);
    (void)ring.add(fc::new_epoch_key(7, 1));
    std::string text;
    while (text.size() < 360) text += "今日は食欲があり、お昼はおかゆを全部食べました。";
    std::vector<fc::MemoEnvelope> envelopes;
    mimamori::Json answer = mimamori::Json::array();
    for (int i = 0; i < kMemos; ++i) {
        fc::FamilyMemoContent content;
        content.text = text;
        auto e = fc::seal_memo_content(*ring.current(), members[static_cast<std::size_t>(i % 3)], fc::new_client_id(),
                                       1795649487123 + i, content);
        if (!e) return 2;
        answer.push_back(fc::to_json(*e));
        envelopes.push_back(std::move(*e));
    }
    const std::string answer_text = answer.dump();

    std::vector<double> open_ms;
    std::vector<double> with_json_ms;
    mimamori::Bytes plaintext;
    for (int run = 0; run < kRuns; ++run) {
        fc::MemoOpener opener(ring, directory);
        auto start = Clock::now();
        int ok = 0;
        for (const auto& e : envelopes) {
            if (opener.open_into(e, plaintext) != fc::MemoStatus::Ok) continue;
            if (fc::decode_memo_content(plaintext)) ++ok;
        }
        open_ms.push_back(ms_since(start));
        if (ok != kMemos) return 3;
        // The same from the API's answer as text, as the app receives it.
        start = Clock::now();
        auto parsed = mimamori::json::parse(answer_text);
        if (!parsed) return 4;
        ok = 0;
        for (const auto& j : *parsed) {
            auto opened = opener.open_json(j);
            if (opened.ok() && fc::decode_memo_content(opened.value().plaintext)) ++ok;
        }
        with_json_ms.push_back(ms_since(start));
        if (ok != kMemos) return 5;
    }
    mimamori::Json out = {{"memos", kMemos}, {"runs", kRuns}, {"open_ms", open_ms},
                          {"median_ms", median(open_ms)}, {"with_json_median_ms", median(with_json_ms)}};
    std::printf("family-bench %s\n", out.dump().c_str());
    return 0;
}
