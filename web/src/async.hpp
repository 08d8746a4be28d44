#pragma once
// Async<T>: the handle of work started from draw code that finishes later (an API call today;
// crypto and uploads later). The screen keeps the handle in its state and polls status() each
// frame; the platform fills in the result through the main-thread queue, between frames.
// Copies share one result; a default-constructed handle is NotStarted. The failure type E is
// Error by default; API calls use api::Failure, which also carries what the server said.

#include <cassert>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

#include "mimamori/common/result.hpp"

namespace mimamori::web {

enum class Status { NotStarted, InFlight, Failed, Done };

template <typename T, typename E = Error>
class Async {
    struct State {
        Status status = Status::NotStarted;
        std::optional<T> value;
        std::optional<E> error;
    };

public:
    Async() = default;

    Status status() const { return m_state ? m_state->status : Status::NotStarted; }
    bool not_started() const { return status() == Status::NotStarted; }
    bool in_flight() const { return status() == Status::InFlight; }
    bool done() const { return status() == Status::Done; }
    bool failed() const { return status() == Status::Failed; }
    bool finished() const { return done() || failed(); }

    const T& value() const {
        assert(done());
        return *m_state->value;
    }
    const E& error() const {
        assert(failed());
        return *m_state->error;
    }

    // Back to NotStarted; a result still on its way is dropped.
    void reset() { m_state.reset(); }

    // The producer's side: a handle in flight, and the function that completes it.
    class Completer {
    public:
        void succeed(T value) const {
            m_state->value = std::move(value);
            m_state->status = Status::Done;
        }
        void fail(E error) const {
            m_state->error = std::move(error);
            m_state->status = Status::Failed;
        }
        void operator()(Result<T> result) const
            requires std::is_same_v<E, Error>
        {
            if (result.ok()) {
                succeed(std::move(result).value());
            } else {
                fail(result.error());
            }
        }

    private:
        friend class Async;
        explicit Completer(std::shared_ptr<State> state) : m_state(std::move(state)) {}
        std::shared_ptr<State> m_state;
    };

    static std::pair<Async, Completer> start() {
        auto state = std::make_shared<State>();
        state->status = Status::InFlight;
        Async handle;
        handle.m_state = state;
        return {handle, Completer(state)};
    }

private:
    std::shared_ptr<State> m_state;
};

} // namespace mimamori::web
