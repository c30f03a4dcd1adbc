/// FSRS-6 scheduling (the Free Spaced Repetition Scheduler), as pure value types.
public enum FSRS {}
