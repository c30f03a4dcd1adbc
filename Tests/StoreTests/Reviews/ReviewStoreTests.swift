import Testing
@Test func placeholderReviews() {}
