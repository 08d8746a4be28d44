#pragma once
// The app shell: owns the AppState and the screens, loads the font, draws the header (name,
// language switch) and the screen of the current route in a centred column.

#include "app_state.hpp"
#include "platform/runtime.hpp"
#include "screens/about_screen.hpp"
#include "screens/not_found_screen.hpp"
#include "screens/start_screen.hpp"
#include "ui/fonts.hpp"

namespace mimamori::web {

class App final : public runtime::FrameClient {
public:
    App();

    void build_fonts(ImFontAtlas& atlas, float px_per_css_px) override;
    void apply_style(float px_per_css_px) override;
    void draw() override;
    bool interactive() const override;

private:
    void load_font();
    void draw_header();
    void draw_logo(float size);
    void set_language(Lang lang);

    AppState m_state;
    ui::Fonts m_fonts;
    bool m_font_requested = false;
    StartScreen m_start{m_state};
    AboutScreen m_about{m_state};
    NotFoundScreen m_not_found{m_state};
};

} // namespace mimamori::web
