#pragma once
// Files the person chooses from the device (a photo or scan of a signed consent form): the
// browser's file picker, and the chosen file read into memory. Nothing is read without the
// person's choice, and nothing is kept by the browser.
//
// Browsers open the picker only inside a user gesture: call pick() in the frame a button was
// pressed (the runtime draws the frames of pointer and key presses within their events).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "async.hpp"

namespace mimamori::web::file_picker {

struct PickedFile {
    std::string name;
    std::string media_type; // what the browser guessed from the name ("" when it could not)
    std::string bytes;
};

// Opens the picker for files matching `accept` (the input element's accept attribute, e.g.
// ".pdf,.jpg,.png,application/pdf,image/jpeg,image/png"). The value: the file, or nullopt when the
// person closed the picker without choosing. Failures: PayloadTooLarge for a file larger than
// `max_bytes` (not read), Unavailable when the browser could not read it.
Async<std::optional<PickedFile>> pick(std::string_view accept, std::size_t max_bytes);

} // namespace mimamori::web::file_picker
