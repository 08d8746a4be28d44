#pragma once
// A modal question before an action that cannot be undone (delete, un-affiliate, sign out
// everywhere, re-send an invitation that voids the old link). The answer is applied after the
// frame: the screen asks with an action token, and takes the confirmed token at the start of its
// next draw, before it lays out the list the action changes (Dear ImGui's advice for
// destructive actions).

#include <cstdint>
#include <optional>
#include <string>

#include "mimamori/common/vocabulary.hpp"

namespace mimamori::web::ui {

// What the screen asked to confirm: its own kind of action and the id of what it acts on.
struct PendingAction {
    int kind = 0;
    std::int64_t id = 0;
};

class ConfirmDialog {
public:
    struct Question {
        std::string title;   // a short question
        std::string body;    // what will happen, naming the thing acted on
        std::string confirm; // the button's text (the action's verb)
        bool destructive = true;
    };

    void ask(Question question, PendingAction action);

    // The action confirmed in an earlier frame, once.
    std::optional<PendingAction> take();

    // Draws the dialog while a question is open; call once per frame, after the screen.
    void draw(Lang lang);

private:
    std::optional<Question> m_question;
    PendingAction m_asked;
    std::optional<PendingAction> m_confirmed;
    bool m_open_requested = false;
};

} // namespace mimamori::web::ui
