package workbench.item61;

/** One guess and the client's decision on it: an element of the book's {@code results} list. */
public record Outcome(int number, Decision decision) {

    /** The line the book's {@code main} prints for it: {@code Client: 4 is Unsure}. */
    public String clientLine() {
        return "Client: " + number + " is " + decision;
    }
}
