#pragma once
// What is on screen, for the browser tests and the benchmark (window.mimamori.widgets() in
// pre.js). ImGui built with IMGUI_ENABLE_TEST_ENGINE reports every interactive item it lays out
// (id, rectangle, label, status flags) to hooks this module defines; the project's widget
// helpers (ui/widgets.hpp) add what ImGui cannot know: the kind of widget, the value of a text
// field, and items without an id such as plain text. The list of the last complete frame is the
// one returned: with on-demand rendering that frame is what the screen shows.

#include <string>
#include <string_view>

struct ImFont;

namespace mimamori::web::test_hook {

enum class Kind { Button, Link, Input, Text, Heading, Checkbox, Radio, Combo, Tab, Window, Image, Item };

// Turns ImGui's item hooks on (once, after ImGui::CreateContext).
void install();

// Frame boundaries (the runtime calls them around the draw code).
void begin_frame();
void end_frame();

// Describes the item just submitted (ImGui's last item). For an item with an id this adds to
// what the hooks recorded; for one without (text) it adds a new entry at the item's rectangle.
// `label` replaces the label ImGui saw (e.g. for a field whose caption is drawn above it).
void describe_last_item(Kind kind, std::string_view value = {}, std::string_view label = {});

// As describe_last_item, for the item `id` submitted earlier in this frame (a combo whose popup
// has since become the last item).
void describe_item(unsigned int id, Kind kind, std::string_view value = {}, std::string_view label = {});

// How many characters of the last frame's text, labels and values the font that draws them
// lacks (ImGui would draw its fallback glyph): described items against the font current when
// they were described, other headings against `heading` and the rest against `body`.
int missing_glyphs(const ImFont& body, const ImFont& heading);

// The widgets of the last complete frame as a JSON array of
// {label, id, kind, x, y, w, h, vx, vy, vw, vh, enabled, value, active}, rectangles in canvas
// pixels: x..h the item's, vx..vh the part of its window that is on screen (its inner clip
// rectangle: for the scrolling screen, the area below the app's header). An item can be partly
// outside it and still listed.
std::string widgets_json();

} // namespace mimamori::web::test_hook
