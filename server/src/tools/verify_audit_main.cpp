// mimamori-verify-audit: walks the access log in id order through audit::ChainVerifier and says
// whether its hash chain holds (tools/verify-audit runs it against the tools/run database).
//   mimamori-verify-audit --database-url URL     (or MIMAMORI_DATABASE_URL; the last flag wins)
// Prints the number of entries and the head hash and exits 0; on the first broken entry names it
// (id, time, action) and exits 1; 2 when it cannot run (usage, database unreachable).
#include <cstdlib>
#include <iostream>
#include <string>

#include "db/database.hpp"
#include "mimamori/common/encoding.hpp"
#include "repositories/audit_repository.hpp"

namespace {

using namespace mimamori;

constexpr std::int64_t k_page = 5000;

int usage(const std::string& problem) {
    if (!problem.empty()) std::cerr << "mimamori-verify-audit: " << problem << "\n";
    std::cerr << "Usage: mimamori-verify-audit --database-url URL\n"
                 "Checks the access log's hash chain; exit 0 when it holds, 1 when it is broken.\n";
    return 2;
}

std::string describe(const audit::Entry& e) {
    return "entry " + std::to_string(e.sequence) + " (" + audit::format_time(e.time_us) + ", " + e.action + ")";
}

} // namespace

int main(int argc, char** argv) {
    std::string url = std::getenv("MIMAMORI_DATABASE_URL") ? std::getenv("MIMAMORI_DATABASE_URL") : "";
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") return usage(""), 0;
        if (arg == "--database-url" && i + 1 < argc) url = argv[++i];
        else if (arg.starts_with("--database-url=")) url = arg.substr(15);
        else return usage("unknown argument: " + arg);
    }
    if (url.empty()) return usage("a database URL is required");

    try {
        db::Database database(url);
        audit::ChainVerifier verifier;
        std::optional<audit::Entry> last;
        std::int64_t after = 0;
        for (;;) {
            auto page = database.transact([&](db::Tx& tx) { return repositories::read_audit_entries(tx, after, k_page); });
            for (const auto& stored : page) {
                if (!verifier.add(stored)) {
                    std::cout << "BROKEN at " << describe(stored.entry) << ": " << verifier.first_break()->message
                              << "\n" << verifier.verified() << " entries before it hold.\n";
                    return 1;
                }
                last = stored.entry;
            }
            if (static_cast<std::int64_t>(page.size()) < k_page) break;
            after = page.back().entry.sequence;
        }
        // Entries cut off the end leave the chain whole; the head row still names the last one.
        auto head = database.transact([](db::Tx& tx) { return repositories::read_audit_head(tx); });
        std::int64_t last_id = last ? last->sequence : 0;
        if (head && (head->first != last_id || head->second != verifier.head())) {
            std::cout << "BROKEN at the end: the chain's head names entry " << head->first << " with hash "
                      << encoding::hex_encode(head->second) << ", but the log ends at "
                      << (last ? describe(*last) : std::string("no entry")) << " with hash "
                      << encoding::hex_encode(verifier.head()) << ": entries were removed or the head was changed\n";
            return 1;
        }
        std::cout << "access log intact: " << verifier.verified() << " entries"
                  << (last ? ", last " + describe(*last) : std::string()) << "\nhead hash "
                  << encoding::hex_encode(verifier.head()) << "\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "mimamori-verify-audit: " << e.what() << "\n";
        return 2;
    }
}
