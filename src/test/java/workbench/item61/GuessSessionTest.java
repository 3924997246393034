package workbench.item61;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.pyrandom.PyRandom;

@Timeout(5)
class GuessSessionTest {

    private final List<String> log = new ArrayList<>();
    private final PyRandom random = new PyRandom(1234);
    private final GuessSession session = new GuessSession(random, log::add);

    @Test
    void decisionsFollowTheSecondEdition() {
        assertEquals(Decision.CORRECT, Decision.judge(0, null));
        assertEquals(Decision.CORRECT, Decision.judge(0, 3L));
        assertEquals(Decision.UNSURE, Decision.judge(2, null));
        assertEquals(Decision.WARMER, Decision.judge(1, 2L));
        assertEquals(Decision.COLDER, Decision.judge(3, 2L));
        assertEquals(Decision.UNSURE, Decision.judge(2, 2L), "as far as before stays Unsure (no SAME)");
        assertEquals("Unsure", Decision.UNSURE.toString());
        assertEquals(Decision.WARMER, Decision.parse("Warmer").orElseThrow());
        assertTrue(Decision.parse("warmer").isEmpty());
    }

    @Test
    void aJudgeRemembersTheLastDistance() {
        Judge judge = new Judge(3);
        assertEquals(List.of(Decision.UNSURE, Decision.COLDER, Decision.UNSURE, Decision.CORRECT),
                List.of(judge.judge(4), judge.judge(1), judge.judge(5), judge.judge(3)));
        assertTrue(judge.solved());
        assertFalse(new Judge(3).solved());
    }

    @Test
    void playsTheBooksFirstGame() {
        assertNull(session.onLine("PARAMS 1 5"));
        assertEquals("4", session.onLine("NUMBER"));
        assertNull(session.onLine("REPORT Unsure"));
        assertEquals("1", session.onLine("NUMBER"));
        assertNull(session.onLine("REPORT Colder"));
        assertEquals("5", session.onLine("NUMBER"), "draws 1 and 1 again are rejected as guessed");
        assertNull(session.onLine("REPORT Unsure"));
        assertEquals("3", session.onLine("NUMBER"));
        assertNull(session.onLine("REPORT Correct"));
        assertEquals(List.of("Server: 4 is Unsure", "Server: 1 is Colder", "Server: 5 is Unsure",
                "Server: 3 is Correct"), log);
    }

    @Test
    void aKnownSecretIsAnsweredWithoutDrawing() {
        session.onLine("PARAMS 1 5");
        session.onLine("NUMBER");
        session.onLine("REPORT Correct");
        PyRandom twin = new PyRandom(1234);
        twin.randint(1, 5);
        assertEquals("4", session.onLine("NUMBER"));
        assertEquals("4", session.onLine("NUMBER"));
        assertEquals(twin.getrandbits(32), random.getrandbits(32), "no draw was spent on a known secret");
    }

    @Test
    void paramsResetsTheSession() {
        session.onLine("PARAMS 4 4");
        assertEquals("4", session.onLine("NUMBER"));
        assertEquals("ERROR no numbers left between 4 and 4: all were guessed", session.onLine("NUMBER"));
        session.onLine("REPORT Unsure");
        assertNull(session.onLine("PARAMS 0 -1"));
        assertEquals("ERROR no numbers between 0 and -1", session.onLine("NUMBER"));
        assertEquals("ERROR REPORT before any NUMBER", session.onLine("REPORT Correct"));
        assertNull(session.onLine("PARAMS 4 4"));
        assertEquals("4", session.onLine("NUMBER"), "guesses and secret were cleared");
    }

    @Test
    void badCommandsAnswerAnErrorAndChangeNothing() {
        assertEquals("ERROR NUMBER before PARAMS", session.onLine("NUMBER"));
        assertEquals("ERROR unknown command 'FOO'", session.onLine("FOO"));
        assertEquals("ERROR unknown command 'FOO'", session.onLine("FOO bar"));
        assertEquals("ERROR unknown command ''", session.onLine(""));
        assertEquals("ERROR unknown command 'number'", session.onLine("number"));
        assertEquals("ERROR malformed command 'PARAMS 1': expected 'PARAMS <lower> <upper>'",
                session.onLine("PARAMS 1"));
        assertEquals("ERROR malformed command 'PARAMS a b': expected 'PARAMS <lower> <upper>'",
                session.onLine("PARAMS a b"));
        assertEquals("ERROR malformed command 'NUMBER 5': expected 'NUMBER'", session.onLine("NUMBER 5"));
        assertEquals("ERROR malformed command 'REPORT': expected 'REPORT <decision>'", session.onLine("REPORT"));
        assertEquals("ERROR unknown command '?'", session.onLine("\u0007"));
        session.onLine("PARAMS 1 5");
        assertEquals("4", session.onLine("NUMBER"));
        assertEquals("ERROR unknown decision 'Hot': expected Warmer, Colder, Unsure or Correct",
                session.onLine("REPORT Hot"));
        assertNull(session.onLine("REPORT Unsure"));
        assertEquals("1", session.onLine("NUMBER"), "the game went on as if the bad lines never came");
        assertEquals(List.of("Server: 4 is Unsure"), log);
        assertEquals("ERROR line longer than 1024 bytes; closing the connection", GuessSession.lineTooLong(1024));
        assertEquals("ERROR unknown command '" + "x".repeat(64) + "...'", session.onLine("x".repeat(100)));
    }
}
