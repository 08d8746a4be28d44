#pragma once
// The one main-thread queue through which results re-enter the app (STYLE.md §4). Completions
// (HTTP responses, later SSE events and crypto jobs) are posted here by the platform layer and
// run at the start of the next frame, before any screen draws, so draw code never sees state
// change in the middle of a frame. Posting requests a frame.

#include <cstddef>
#include <functional>

namespace mimamori::web::main_queue {

void post(std::function<void()> task);

// Runs every task posted so far (tasks posted while draining wait for the next frame); returns
// how many ran. Called once per frame by the runtime.
std::size_t drain();

} // namespace mimamori::web::main_queue
