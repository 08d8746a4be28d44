#pragma once
// Route "/outbox" (送信メール, the secretariat administrator, development and tools/run): the
// mail the server sent, newest first; an opened message shows its body, and the links in it
// (invitations) can be followed in the app or copied, so a newcomer can try an invitation
// without a mail server.

#include <optional>
#include <vector>

#include "api/records_api.hpp"
#include "app_state.hpp"

namespace mimamori::web {

class OutboxScreen {
public:
    explicit OutboxScreen(AppState& state) : m_state(state) {}
    void draw();

private:
    void draw_message(const api::OutboxMessage& message);
    void draw_list(const std::vector<api::OutboxMessage>& messages);

    AppState& m_state;
    api::Call<std::vector<api::OutboxMessage>> m_list;
    std::optional<perm::Id> m_open;
};

// The http(s) URLs in a text, in order (exposed for tests of the screen's logic).
std::vector<std::string> links_in(std::string_view text);

} // namespace mimamori::web
