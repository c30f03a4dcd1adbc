import Foundation
import Testing

@testable import Demos
@testable import Models

/// Exact values for fixed seeds: they pin the seeded generator, the encodings and the key
/// schedule together, so any change to the bytes a seed produces is noticed.
@Suite struct GoldenTraceTests {
    @Test func tls13ClientHelloAndSecretsForSeedOne() throws {
        let trace = try TLSHandshakeDemo.run(.init(), seed: 1)
        #expect(
            trace.trace[0].bytes == "010000a40303b9b501d1d854bb7180021590ff0b4dc3a53c36d76cec99e0758527120fbbe785"
                + "20a83d7e35de181749966761748e5c43cb614f560177dc7567fe8bcf144dd4fc9a000213010100005900000014001200000f"
                + "7777772e6578616d706c652e636f6d000a00040002001d000d000400020807002b0003020304003300260024001d002040e9"
                + "13b735c3f408e7c85ca9bfbb5af8196911ea249fe96d4e96abafcbaa1d38")
        #expect(trace.result.secrets["handshake_secret"] == "64818e6c4d7f4e675ca2dc30ab279a51ab38e1a3e4f999984c7d3054674f2936")
        // Depends on the certificate's DER too (Ed25519 signatures are deterministic).
        #expect(
            trace.result.secrets["client_application_traffic_secret_0"]
                == "c7e62eea65975419bcd0d7bc9600bc059523812c279b3d3fc169060cd821b429")
    }

    @Test func jwtForSeedTwo() throws {
        let trace = try JWTDemo.run(.init(), seed: 2)
        #expect(trace.result.secret == "ce56971cde355897421efc0b1046c8bf2f537eddbfbc7b9864f6e7ff7a82f2c3")
        #expect(
            trace.result.issued == "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
                + "eyJzdWIiOiJhbGljZSIsInJvbGUiOiJ1c2VyIiwiaWF0IjoxNzY3MjI1NjAwLCJleHAiOjE3NjcyMjY1MDB9."
                + "2lwX1iYnHqwk0-_byVITR-U1B91b_zWpC7hdBF3ewFU")
    }
}
