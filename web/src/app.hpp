#pragma once
// The app shell: owns the AppState and the screens, loads the font, draws the header and the
// screen of the current route in a centred column. It also guards the routes: signed out, only
// the public screens (sign-in, invitation, status, about); an initial password first changed;
// two-factor set up first where a facility requires it; menu screens only when perm::decide
// allows them. When a session begins or ends, every screen is made anew: nothing one person
// saw or typed is left for the next (a shared terminal).

#include <memory>
#include <string>

#include "app_header.hpp"
#include "app_state.hpp"
#include "platform/runtime.hpp"
#include "ui/fonts.hpp"

namespace mimamori::web {

struct Screens; // app.cpp

class App final : public runtime::FrameClient {
public:
    App();
    ~App() override;

    void build_fonts(ImFontAtlas& atlas, float px_per_css_px) override;
    void apply_style(float px_per_css_px) override;
    void draw() override;
    bool interactive() const override;

private:
    void load_font();
    // Draws the screen of `route`, or sends the person where they must go first.
    void draw_screen(const std::string& route);
    bool draw_public_screen(const std::string& route);
    void draw_signed_in_screen(const std::string& route);
    // "/": a family's home, "my patients" for staff who join care teams, else the menu.
    void draw_home();

    AppState m_state;
    ui::Fonts m_fonts;
    bool m_font_requested = false;
    AppHeader m_header{m_state};
    std::unique_ptr<Screens> m_screens;
    int m_screens_generation = -1;
    std::string m_last_route;
};

} // namespace mimamori::web
