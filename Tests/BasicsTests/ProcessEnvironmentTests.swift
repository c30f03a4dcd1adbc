import Foundation
import Testing

@testable import Basics

@Suite struct ProcessEnvironmentTests {
    @Test func readsOneVariableAsTheEnvironmentHasIt() {
        setenv("NETPREP_TEST_ENVIRONMENT_SET", "握手 value", 1)
        setenv("NETPREP_TEST_ENVIRONMENT_EMPTY", "", 1)
        unsetenv("NETPREP_TEST_ENVIRONMENT_UNSET")
        #expect(ProcessEnvironment.value("NETPREP_TEST_ENVIRONMENT_SET") == "握手 value")
        #expect(ProcessEnvironment.value("NETPREP_TEST_ENVIRONMENT_EMPTY") == "")
        #expect(ProcessEnvironment.nonEmpty("NETPREP_TEST_ENVIRONMENT_EMPTY") == nil)
        #expect(ProcessEnvironment.value("NETPREP_TEST_ENVIRONMENT_UNSET") == nil)
        #expect(
            ProcessEnvironment.values([
                "NETPREP_TEST_ENVIRONMENT_SET", "NETPREP_TEST_ENVIRONMENT_EMPTY", "NETPREP_TEST_ENVIRONMENT_UNSET",
            ]) == ["NETPREP_TEST_ENVIRONMENT_SET": "握手 value", "NETPREP_TEST_ENVIRONMENT_EMPTY": ""])
        // What Foundation reads agrees, variable by variable.
        let environment = ProcessInfo.processInfo.environment
        #expect(ProcessEnvironment.value("NETPREP_TEST_ENVIRONMENT_SET") == environment["NETPREP_TEST_ENVIRONMENT_SET"])
        #expect(ProcessEnvironment.value("PATH") == environment["PATH"])
    }

    @Test func findsTheFirstExecutableOnTheSearchPath() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("netprep-path-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let plain = base.appendingPathComponent("plain")
        let tools = base.appendingPathComponent("tools")
        let later = base.appendingPathComponent("later")
        for folder in [plain, tools, later] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        // Not executable, then executable, then executable again: the shell takes the second.
        try Data("#!/bin/sh\n".utf8).write(to: plain.appendingPathComponent("tool"))
        for folder in [tools, later] {
            let file = folder.appendingPathComponent("tool")
            try Data("#!/bin/sh\n".utf8).write(to: file)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
        }
        let searchPath = ":\(base.appendingPathComponent("missing").path):\(plain.path):\(tools.path):\(later.path)"
        #expect(ProcessEnvironment.executable(named: "tool", searchPath: searchPath) == tools.appendingPathComponent("tool").path)
        #expect(ProcessEnvironment.executable(named: "absent", searchPath: searchPath) == nil)
        #expect(ProcessEnvironment.executable(named: "tool", searchPath: plain.path) == nil)
    }
}
