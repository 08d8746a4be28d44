#include "platform/main_queue.hpp"

#include <utility>
#include <vector>

#include "platform/frames.hpp"

namespace mimamori::web::main_queue {
namespace {
std::vector<std::function<void()>> g_tasks;
} // namespace

void post(std::function<void()> task) {
    g_tasks.push_back(std::move(task));
    frames::request();
}

std::size_t drain() {
    std::vector<std::function<void()>> tasks;
    tasks.swap(g_tasks);
    for (auto& task : tasks) task();
    return tasks.size();
}

} // namespace mimamori::web::main_queue
