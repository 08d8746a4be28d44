#pragma once
// On-demand rendering: the app draws a frame only when something asked for one. Input and
// network completions request frames by themselves; screens call these for anything else that
// changes what is shown (an animation, a countdown, a retry after a delay).

namespace mimamori::web::frames {

// Draws one more frame soon (at the next animation frame). Cheap to call repeatedly.
void request();

// Draws a frame after `seconds` (a timer); the earliest pending timer wins, and a screen that
// still needs one asks again in that frame.
void request_in(double seconds);

} // namespace mimamori::web::frames
