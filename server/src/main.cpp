// mimamori-server: see config.cpp's usage() for the command line.
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "config.hpp"
#include "log.hpp"
#include "server.hpp"

int main(int argc, char** argv) {
    using namespace mimamori;
    std::vector<std::string> args(argv + 1, argv + argc);
    auto parsed = server::parse_arguments(args, server::process_environment());
    if (!parsed) {
        std::cerr << "mimamori-server: " << parsed.error().message << "\nTry 'mimamori-server --help'.\n";
        return 2;
    }
    if (parsed->help) {
        std::cout << server::usage();
        return 0;
    }

    // File contents move through the server as 256 KiB rows (libpq results, std::string). With
    // glibc's defaults (a sliding mmap threshold, 128 KiB trim threshold) such buffers were
    // mapped, faulted in page by page and returned again and again: 13,000-43,000 page faults
    // and up to a third of the server's CPU per 100 MB download. Buffers below 4 MiB now come
    // from the heap, and up to 8 MiB of freed memory at a heap's top is kept for the next; what
    // the server holds is still bounded by what it uses at once (files_memory_test).
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    mallopt(M_TRIM_THRESHOLD, 8 << 20);

    // Blocked before any thread starts, so that every thread inherits the mask and the signals
    // reach only sigwait() below, never a Pistache worker in the middle of a write.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    signal(SIGPIPE, SIG_IGN); // a client gone mid-write is an error return, not the end of us
    // Pistache's accept thread spins when it runs out of file descriptors (notes/server.md #9):
    // allow as many as the system lets this process have.
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        setrlimit(RLIMIT_NOFILE, &files);
    }

    server::Server server(parsed->config);
    if (auto started = server.start(); !started) {
        log::error(started.error().message);
        return 1;
    }
    // The one line tools/run and the browser tests wait for.
    std::printf("mimamori-server listening on %s\n", server.url().c_str());
    std::fflush(stdout);

    int received = 0;
    sigwait(&stop_signals, &received);
    log::info(std::string(received == SIGTERM ? "SIGTERM" : "SIGINT") + ": finishing the requests in flight");
    std::thread([&stop_signals] { // a second signal does not wait for the requests
        int again = 0;
        sigwait(&stop_signals, &again);
        log::warning("second signal: exiting without waiting");
        std::_Exit(1);
    }).detach();
    server.shutdown(std::chrono::seconds(30));
    log::info("stopped");
    return 0;
}
