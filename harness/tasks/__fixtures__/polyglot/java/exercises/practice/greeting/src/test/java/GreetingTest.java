import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

public class GreetingTest {
    @Test
    public void greets() {
        assertThat(Greeting.greet("Ada")).isEqualTo("Hello, Ada!");
    }
}
