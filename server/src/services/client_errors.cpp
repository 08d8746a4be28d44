#include "services/client_errors.hpp"

#include "mimamori/common/text.hpp"
#include "mimamori/common/validation.hpp"
#include "repositories/client_error_repository.hpp"

namespace mimamori::services {
namespace {

constexpr std::size_t k_user_agent_chars = 512;

// A User-Agent is whatever the browser sent: kept only as far as it is valid text, and short.
std::string clean_user_agent(std::string_view user_agent) {
    std::string out;
    std::size_t pos = 0;
    for (std::size_t chars = 0; pos < user_agent.size() && chars < k_user_agent_chars; ++chars) {
        char32_t cp = text::next_code_point(user_agent, pos);
        if (cp >= 0x20 && cp != 0x7f) text::append_utf8(out, cp);
    }
    return out;
}

} // namespace

Result<std::int64_t> report_client_error(db::Tx& tx, const Json& body, std::string_view user_agent) {
    if (auto known = json::reject_unknown_keys(body, {"message", "where"}); !known) return known.error();
    auto message = json::get_string(body, "message");
    if (!message) return message.error();
    auto where = json::get_string(body, "where");
    if (!where) return where.error();
    auto valid_message = validate::text("message", *message, 4000, true, false);
    if (!valid_message) return valid_message.error();
    auto valid_where = validate::text("where", *where, 500, false, false);
    if (!valid_where) return valid_where.error();
    return repositories::insert_client_error(
        tx, repositories::ClientErrorRow{*valid_message, *valid_where, clean_user_agent(user_agent)});
}

} // namespace mimamori::services
