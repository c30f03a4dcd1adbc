import Foundation

/// Runs an `async` computation to completion on the calling thread.
///
/// The models are synchronous (`Demo.run`), but swift-certificates' `Verifier.validate` is
/// `async` although it never waits for anything outside itself. Running it on a task executor
/// that is driven by the calling thread keeps the model synchronous without borrowing a thread
/// from the shared cooperative pool, so callers already on that pool cannot deadlock it.
func runBlocking<T: Sendable>(_ operation: @escaping @Sendable () async -> T) -> T {
    let executor = CallingThreadExecutor()
    let box = ResultBox<T>()
    Task(executorPreference: executor) {
        let value = await operation()
        box.set(value)
        executor.stop()
    }
    executor.runUntilStopped()
    return box.get()!
}

private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T?
    func set(_ newValue: T) { lock.withLock { value = newValue } }
    func get() -> T? { lock.withLock { value } }
}

/// A task executor whose jobs run on whichever thread calls `runUntilStopped`.
private final class CallingThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopped = false

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    func runUntilStopped() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopped { condition.wait() }
            if jobs.isEmpty && stopped {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
