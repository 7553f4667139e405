package dev.scaledeck.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkflowConverterTest {

    private final WorkflowConverter converter = new WorkflowConverter();

    /** n8n JSON with nodes listed out of order: Fetch is listed before the trigger that feeds it. */
    private static final String OUT_OF_ORDER = "{\"name\":\"Order sync\",\"nodes\":["
            + "{\"name\":\"Fetch\",\"type\":\"n8n-nodes-base.httpRequest\",\"parameters\":{\"url\":\"https://api.example.com/orders\"},\"position\":[250,300]},"
            + "{\"name\":\"Save\",\"type\":\"n8n-nodes-base.set\",\"parameters\":{},\"position\":[500,300]},"
            + "{\"name\":\"Start\",\"type\":\"n8n-nodes-base.manualTrigger\",\"parameters\":{},\"position\":[0,300]}],"
            + "\"connections\":{"
            + "\"Start\":{\"main\":[[{\"node\":\"Fetch\",\"type\":\"main\",\"index\":0}]]},"
            + "\"Fetch\":{\"main\":[[{\"node\":\"Save\",\"type\":\"main\",\"index\":0}]]}}}";

    @Test
    void shouldOrderNodesSoEveryNodeRunsAfterTheNodesThatFeedIt() {
        Conversion conversion = converter.convert(OUT_OF_ORDER);

        assertThat(conversion.order()).containsExactly("Start", "Fetch", "Save");
        assertThat(conversion.nodes()).isEqualTo(3);
        assertThat(conversion.workflowName()).isEqualTo("Order sync");
    }

    @Test
    void shouldGenerateAFunctionPerNodeAndARunnerThatCallsThemInOrder() {
        String code = converter.convert(OUT_OF_ORDER).code();

        assertThat(code).contains("async function stepStart(items: Item[])",
                "async function stepFetch(items: Item[])", "async function stepSave(items: Item[])",
                "export async function runOrderSync(", "fetch(String(params.url");
        assertThat(code.indexOf("await stepStart(")).isLessThan(code.indexOf("await stepFetch("));
        assertThat(code.indexOf("await stepFetch(")).isLessThan(code.indexOf("await stepSave("));
        assertThat(code).contains("outputs[\"Save\"] = await stepSave([...(outputs[\"Fetch\"][0] ?? [])]);");
    }

    @Test
    void shouldMentionEveryNodeOfALargeRandomWorkflow() {
        String json = WorkflowConverter.sampleWorkflow(30, 7);
        Conversion conversion = converter.convert(json);

        assertThat(conversion.nodes()).isEqualTo(30);
        for (String name : conversion.order()) {
            assertThat(conversion.code()).contains("outputs[\"" + name + "\"] = await");
        }
    }

    @Test
    void shouldWriteJavaScriptWithoutTypeAnnotations() {
        Conversion conversion = converter.convert(OUT_OF_ORDER, CodeLanguage.JAVASCRIPT);

        assertThat(conversion.language()).isEqualTo(CodeLanguage.JAVASCRIPT);
        assertThat(conversion.code()).contains("async function stepFetch(items) {").doesNotContain("Item[]", "type Item");
    }

    @Test
    void shouldFeedANodeFromTheOutputItsConnectionNames() {
        String json = "{\"nodes\":["
                + "{\"name\":\"Check\",\"type\":\"n8n-nodes-base.if\",\"parameters\":{\"field\":\"status\",\"value\":\"active\"}},"
                + "{\"name\":\"Active\",\"type\":\"n8n-nodes-base.noOp\"},"
                + "{\"name\":\"Inactive\",\"type\":\"n8n-nodes-base.noOp\"}],"
                + "\"connections\":{\"Check\":{\"main\":[[{\"node\":\"Active\"}],[{\"node\":\"Inactive\"}]]}}}";

        String code = converter.convert(json).code();

        assertThat(code).contains("await stepActive([...(outputs[\"Check\"][0] ?? [])])",
                "await stepInactive([...(outputs[\"Check\"][1] ?? [])])");
    }

    @Test
    void shouldKeepNodeNamesThatLookLikeCodeInsideStringsAndComments() {
        String json = "{\"nodes\":[{\"name\":\"a */ evil \\\"quote\\\"\\nline\",\"type\":\"n8n-nodes-base.noOp\"},"
                + "{\"name\":\"delete\",\"type\":\"n8n-nodes-base.noOp\"}]}";

        String code = converter.convert(json).code();

        assertThat(code).contains("outputs[\"a */ evil \\\"quote\\\"\\nline\"]", "async function stepDelete(",
                "/** \"a * / evil \"quote\" line\"");
    }

    @Test
    void shouldRejectTextThatIsNotJson() {
        assertThatThrownBy(() -> converter.convert("{\"nodes\": [")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("workflow is not valid JSON");
        assertThatThrownBy(() -> converter.convert("")).hasMessage("workflow is empty; expected n8n workflow JSON");
        assertThatThrownBy(() -> converter.convert("[1,2]")).hasMessage("workflow must be a JSON object, but was array");
    }

    @Test
    void shouldRejectAWorkflowWithoutNodes() {
        assertThatThrownBy(() -> converter.convert("{\"name\":\"x\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workflow has no \"nodes\" array");
        assertThatThrownBy(() -> converter.convert("{\"nodes\":[]}"))
                .hasMessage("workflow has no nodes; \"nodes\" is empty");
    }

    @Test
    void shouldRejectNodesWithoutNameOrTypeAndDuplicateNames() {
        assertThatThrownBy(() -> converter.convert("{\"nodes\":[{\"type\":\"n8n-nodes-base.noOp\"}]}"))
                .hasMessage("node #1 has no \"name\"");
        assertThatThrownBy(() -> converter.convert("{\"nodes\":[{\"name\":\"A\"}]}"))
                .hasMessage("node \"A\" has no \"type\"");
        assertThatThrownBy(() -> converter.convert("{\"nodes\":[{\"name\":\"A\",\"type\":\"t\"},{\"name\":\"A\",\"type\":\"t\"}]}"))
                .hasMessage("two nodes are named \"A\"; node names must be unique");
    }

    @Test
    void shouldRejectConnectionsToOrFromUnknownNodes() {
        assertThatThrownBy(() -> converter.convert("{\"nodes\":[{\"name\":\"A\",\"type\":\"t\"}],"
                + "\"connections\":{\"A\":{\"main\":[[{\"node\":\"Ghost\",\"type\":\"main\",\"index\":0}]]}}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connection from \"A\" goes to \"Ghost\", which is not a node");
        assertThatThrownBy(() -> converter.convert("{\"nodes\":[{\"name\":\"A\",\"type\":\"t\"}],"
                + "\"connections\":{\"Nobody\":{\"main\":[[{\"node\":\"A\"}]]}}}"))
                .hasMessage("connections come from \"Nobody\", which is not a node");
    }

    @Test
    void shouldNameTheNodesOfACycle() {
        String json = "{\"nodes\":["
                + "{\"name\":\"Start\",\"type\":\"n8n-nodes-base.manualTrigger\"},"
                + "{\"name\":\"A\",\"type\":\"t\"},{\"name\":\"B\",\"type\":\"t\"},{\"name\":\"C\",\"type\":\"t\"}],"
                + "\"connections\":{"
                + "\"Start\":{\"main\":[[{\"node\":\"A\"}]]},"
                + "\"A\":{\"main\":[[{\"node\":\"B\"}]]},"
                + "\"B\":{\"main\":[[{\"node\":\"C\"}]]},"
                + "\"C\":{\"main\":[[{\"node\":\"A\"}]]}}}";

        assertThatThrownBy(() -> converter.convert(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workflow has a cycle: \"A\" -> \"B\" -> \"C\" -> \"A\"");
    }

    @Test
    void shouldDetectANodeConnectedToItself() {
        String json = "{\"nodes\":[{\"name\":\"Loop\",\"type\":\"t\"}],"
                + "\"connections\":{\"Loop\":{\"main\":[[{\"node\":\"Loop\"}]]}}}";

        assertThatThrownBy(() -> converter.convert(json)).hasMessage("workflow has a cycle: \"Loop\" -> \"Loop\"");
    }

    @Test
    void shouldProduceTheSameValidSampleWorkflowForTheSameSeed() throws Exception {
        String first = WorkflowConverter.sampleWorkflow(12, 99);

        assertThat(WorkflowConverter.sampleWorkflow(12, 99)).isEqualTo(first);
        assertThat(WorkflowConverter.sampleWorkflow(12, 100)).isNotEqualTo(first);
        JsonNode tree = new ObjectMapper().readTree(first);
        assertThat(tree.get("nodes")).hasSize(12);
        assertThat(tree.get("nodes").get(0).get("type").asText()).isEqualTo("n8n-nodes-base.manualTrigger");
        assertThat(tree.get("nodes").get(3).get("position")).hasSize(2);
        assertThat(converter.convert(first).nodes()).isEqualTo(12);
    }

    @Test
    void shouldConvertEverySampleWorkflowSize() {
        for (int nodes = 1; nodes <= 40; nodes++) {
            assertThat(converter.convert(WorkflowConverter.sampleWorkflow(nodes, nodes * 31L)).nodes()).isEqualTo(nodes);
        }
    }

    @Test
    void shouldRefuseImpossibleSampleSizes() {
        assertThatThrownBy(() -> WorkflowConverter.sampleWorkflow(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nodes must be between 1 and 2000, but was 0");
    }

    @Test
    void shouldReadLanguageNamesInAnyCase() {
        assertThat(CodeLanguage.parse("TypeScript")).isEqualTo(CodeLanguage.TYPESCRIPT);
        assertThat(CodeLanguage.parse("js")).isEqualTo(CodeLanguage.JAVASCRIPT);
        assertThatThrownBy(() -> CodeLanguage.parse("cobol"))
                .hasMessage("language must be typescript or javascript, but was 'cobol'");
    }
}
