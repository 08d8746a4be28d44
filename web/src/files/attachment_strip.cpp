// A memo's attachments (thumbnails and buttons by kind), the full view of an image with zoom and
// pan (image_viewer.hpp: wheel, buttons, a drag, two fingers), and the browser's <audio>/<video>
// element over the app for media.
//
// Thumbnails are decoded and downscaled by the browser (browser_files::load_image) into GL
// textures kept in a cache by URL; one not drawn for k_forget_after_s seconds is freed, so a long
// timeline scrolled past does not keep every photo in GPU memory.

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "imgui.h"

#include "files/attachments.hpp"
#include "files/files_text.hpp"
#include "files/image_viewer.hpp"
#include "platform/browser_files.hpp"
#include "platform/frames.hpp"
#include "platform/http.hpp"
#include "platform/page.hpp"
#include "test_hook/test_hook.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web::files {
namespace {

constexpr int k_thumb_side = 256;       // texture pixels (shown at 5 em)
constexpr int k_full_side = 2048;       // the full view's texture
constexpr double k_forget_after_s = 30; // a texture not drawn for this long is freed

struct Texture {
    Async<browser_files::Image> loading;
    browser_files::Image image;
    bool failed = false;
    double last_used = 0;
};

std::unordered_map<std::string, Texture> g_textures; // by "<side>:<url>"

// The server's URLs start with "/api/v1/"; requests are made relative to the page.
std::string relative(std::string_view url) {
    return std::string(!url.empty() && url.front() == '/' ? url.substr(1) : url);
}

// The texture of an image, loading it when first asked for; nullptr until it is decoded.
Texture& texture_for(const std::string& url, int side) {
    Texture& t = g_textures[std::to_string(side) + ":" + url];
    t.last_used = ImGui::GetTime();
    if (t.image.texture == 0 && !t.failed) {
        if (t.loading.not_started()) t.loading = browser_files::load_image(url, side);
        if (t.loading.done()) {
            t.image = t.loading.value();
            t.loading.reset();
        } else if (t.loading.failed()) {
            t.failed = true;
            t.loading.reset();
        }
    }
    return t;
}

void forget_unused() {
    const double now = ImGui::GetTime();
    for (auto it = g_textures.begin(); it != g_textures.end();) {
        if (now - it->second.last_used > k_forget_after_s && !it->second.loading.in_flight()) {
            browser_files::free_image(it->second.image);
            it = g_textures.erase(it);
        } else {
            ++it;
        }
    }
    if (!g_textures.empty()) frames::request_in(k_forget_after_s);
}

// The PDF preview of an Office file (GET {url}/preview.pdf, made by LibreOffice on the server):
// asked for with a one-byte range before a tab is opened, so that a server without LibreOffice
// (404), a document that cannot be converted (422) or a conversion still under way (202 with
// Retry-After, asked again then) is said in the app instead of in an empty tab.
struct OfficePreview {
    enum class State { Asking, Converting, Ready, Unavailable, Failed, Unreachable };
    State state = State::Asking;
    double clicked_at = 0;   // ImGui time of the click (a tab is opened by itself only soon after)
    double ask_again_at = 0; // while converting
    bool waiting = false;    // a request is out
    bool opened = false;
};
std::unordered_map<std::int64_t, OfficePreview> g_office; // by file id

// A browser opens a tab only soon after the user's click (Chromium: 5 s); later the app shows a
// button to open it with a new click.
constexpr double k_open_by_itself_within_s = 4;

void ask_office_preview(std::int64_t file_id, const std::string& url) {
    OfficePreview& p = g_office[file_id];
    p.waiting = true;
    http::Request r;
    r.url = url;
    r.headers.emplace_back("Range", "bytes=0-0"); // a question, not the whole PDF
    http::send(std::move(r), [file_id](Result<http::Response> answer) {
        auto it = g_office.find(file_id);
        if (it == g_office.end()) return;
        OfficePreview& p = it->second;
        p.waiting = false;
        frames::request();
        if (!answer) {
            p.state = OfficePreview::State::Unreachable;
            return;
        }
        const int status = answer->status;
        if (status == 200 || status == 206) {
            p.state = OfficePreview::State::Ready;
        } else if (status == 202) {
            p.state = OfficePreview::State::Converting;
            double wait = 2;
            const std::string retry(answer->header("retry-after"));
            if (!retry.empty() && retry.find_first_not_of("0123456789") == std::string::npos && retry.size() < 4)
                wait = std::clamp(std::stod(retry), 1.0, 10.0);
            p.ask_again_at = ImGui::GetTime() + wait;
            frames::request_in(wait);
        } else if (status == 422) {
            p.state = OfficePreview::State::Failed;
        } else if (status == 404) {
            p.state = OfficePreview::State::Unavailable;
        } else {
            p.state = OfficePreview::State::Unreachable;
        }
    });
}

// The "PDF preview" button of an Office file and, under it, what the server said.
void draw_office_preview(const StoredFile& f) {
    const std::string url = relative(f.url) + "/preview.pdf";
    auto it = g_office.find(f.id);
    const bool asking = it != g_office.end() && it->second.waiting;
    if (ui::button(tr(T::PdfPreview), "pdf-preview", !asking)) {
        OfficePreview& p = g_office[f.id];
        p = OfficePreview{};
        p.clicked_at = ImGui::GetTime();
        ask_office_preview(f.id, url);
        it = g_office.find(f.id);
    }
    if (it == g_office.end()) return;
    OfficePreview& p = it->second;
    using S = OfficePreview::State;
    if (p.state == S::Converting && !p.waiting) {
        if (ImGui::GetTime() >= p.ask_again_at) ask_office_preview(f.id, url);
        else frames::request_in(p.ask_again_at - ImGui::GetTime());
    }
    if (p.state == S::Ready && !p.opened && ImGui::GetTime() - p.clicked_at < k_open_by_itself_within_s) {
        p.opened = true;
        browser_files::open_in_new_tab(url);
        g_office.erase(it); // shown; the next click asks again
        return;
    }
    ImGui::BeginGroup(); // under the buttons: the longer sentences need the width
    switch (p.state) {
    case S::Asking: ui::status_line(ui::Tone::Pending, tr(T::Loading)); break;
    case S::Converting: ui::status_line(ui::Tone::Pending, tr(T::PdfConverting)); break;
    case S::Ready:
        ui::status_line(ui::Tone::Ok, tr(T::PdfReady));
        if (ui::button(tr(T::PdfOpen), "pdf-open")) {
            browser_files::open_in_new_tab(url);
            g_office.erase(it);
        }
        break;
    case S::Unavailable: ui::status_line(ui::Tone::Warning, tr(T::PdfUnavailable)); break;
    case S::Failed: ui::status_line(ui::Tone::Warning, tr(T::PdfFailed)); break;
    case S::Unreachable: ui::status_line(ui::Tone::Error, tr(T::PdfUnreachable)); break;
    }
    ImGui::EndGroup();
}

struct Viewer {
    bool open = false;
    StoredFile file;
    std::string owner;       // the strip that opened it
    int owner_seen_frame = -1;
    int drawn_frame = -1;
    ImageZoom zoom;
    bool media_shown = false;
};
Viewer g_viewer;

void close_viewer() {
    if (g_viewer.media_shown) browser_files::hide_media();
    g_viewer = Viewer{};
    frames::request();
}

void open_viewer(const StoredFile& f, std::string_view owner) {
    close_viewer();
    g_viewer.open = true;
    g_viewer.file = f;
    g_viewer.owner = std::string(owner);
    g_viewer.owner_seen_frame = ImGui::GetFrameCount();
    frames::request();
}

void draw_image_view() {
    Texture& t = texture_for(relative(g_viewer.file.url), k_full_side);
    if (t.failed) return ui::error_text(tr(T::ImageFailed));
    if (t.image.texture == 0) return ui::text_muted(tr(T::Loading));
    draw_zoomable_image(g_viewer.zoom, t.image, g_viewer.file.name);
}

void draw_viewer() {
    if (!g_viewer.open || g_viewer.drawn_frame == ImGui::GetFrameCount()) return;
    g_viewer.drawn_frame = ImGui::GetFrameCount();
    begin_full_view("##mimamori-file-viewer");
    bool close = ui::button(tr(T::Close), "viewer-close");
    const bool image = g_viewer.file.preview == "image";
    if (image) {
        ImGui::SameLine();
        draw_zoom_buttons(g_viewer.zoom);
    }
    ImGui::SameLine();
    if (ui::secondary_button(tr(T::Download), "viewer-download")) page::download(relative(g_viewer.file.url));
    ImGui::SameLine();
    ui::text(g_viewer.file.name);
    if (image) {
        draw_image_view();
    } else {
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        // The browser's own player over this rectangle (audio: a bar at the top).
        const bool audio = g_viewer.file.preview == "audio";
        const float h = audio ? 3 * ui::em() : avail.y;
        browser_files::show_media(audio ? "audio" : "video", relative(g_viewer.file.url), origin.x, origin.y, avail.x, h);
        g_viewer.media_shown = true;
        ImGui::Dummy(ImVec2(avail.x, h));
        test_hook::describe_last_item(test_hook::Kind::Item, audio ? "audio" : "video", "player " + g_viewer.file.name);
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Escape)) close = true;
    end_full_view();
    if (close) close_viewer();
}

void draw_file_button(const StoredFile& f, std::string_view owner) {
    const float em = ui::em();
    const ImVec2 box(5 * em, 5 * em);
    if (f.preview == "image") {
        Texture& t = texture_for(relative(f.url), k_thumb_side);
        bool pressed = false;
        if (t.image.texture != 0) {
            const float k = std::min(box.x / static_cast<float>(t.image.width), box.y / static_cast<float>(t.image.height));
            pressed = ImGui::ImageButton("thumb", texture_id(t.image),
                                         ImVec2(static_cast<float>(t.image.width) * k, static_cast<float>(t.image.height) * k));
        } else {
            pressed = ImGui::Button(t.failed ? "?##thumb" : "...##thumb", box);
        }
        test_hook::describe_last_item(test_hook::Kind::Image,
                                      t.image.texture ? "loaded " + std::to_string(t.image.width) + "x" +
                                                            std::to_string(t.image.height)
                                                      : (t.failed ? "failed" : "loading"),
                                      f.name);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (%s)", f.name.c_str(), format_size(static_cast<std::uint64_t>(f.size)).c_str());
        if (pressed) open_viewer(f, owner);
        return;
    }
    ImGui::BeginGroup();
    ui::text(f.name + "  (" + format_size(static_cast<std::uint64_t>(f.size)) + ")");
    if (f.preview == "video" || f.preview == "audio") {
        if (ui::button(tr(T::Play), "play")) open_viewer(f, owner);
        ImGui::SameLine();
    } else if (f.preview == "pdf") {
        if (ui::button(tr(T::OpenPdf), "open")) browser_files::open_in_new_tab(relative(f.url));
        ImGui::SameLine();
    }
    if (ui::secondary_button(tr(T::Download), "download")) page::download(relative(f.url));
    if (f.preview == "office") draw_office_preview(f);
    ImGui::EndGroup();
}

} // namespace

void draw_attachment_strip(const std::vector<StoredFile>& files, std::string_view id) {
    if (files.empty()) return;
    ImGui::PushID(id.data(), id.data() + id.size());
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    for (std::size_t i = 0; i < files.size(); ++i) {
        ImGui::PushID(static_cast<int>(files[i].id));
        if (i > 0) {
            // Next to the previous one when it fits, else on a new line.
            ImGui::SameLine();
            if (ImGui::GetCursorScreenPos().x + 6 * ui::em() > right) ImGui::NewLine();
        }
        draw_file_button(files[i], id);
        ImGui::PopID();
    }
    ImGui::PopID();
    if (g_viewer.open && g_viewer.owner == id) g_viewer.owner_seen_frame = ImGui::GetFrameCount();
    draw_viewer();
}

void draw_overlays(Lang lang) {
    set_language(lang);
    if (g_viewer.open && g_viewer.owner_seen_frame < ImGui::GetFrameCount() - 1) close_viewer();
    draw_viewer();
    forget_unused();
}

} // namespace mimamori::web::files
