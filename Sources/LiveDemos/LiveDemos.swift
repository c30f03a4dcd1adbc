/// The models' ideas on real sockets, over loopback only, with SwiftNIO.
public enum LiveDemos {}
