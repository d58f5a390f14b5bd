package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class VirtualThreadCarriersTest {
  @Test
  void twiceTheCoresAndAtLeastFourUnlessGiven() {
    Properties two = new Properties();
    VirtualThreadCarriers.widen(two, 2);
    assertThat(two.getProperty(VirtualThreadCarriers.PROPERTY)).isEqualTo("4");
    Properties one = new Properties();
    VirtualThreadCarriers.widen(one, 1);
    assertThat(one.getProperty(VirtualThreadCarriers.PROPERTY)).isEqualTo("4");
    Properties sixteen = new Properties();
    VirtualThreadCarriers.widen(sixteen, 16);
    assertThat(sixteen.getProperty(VirtualThreadCarriers.PROPERTY)).isEqualTo("32");
    Properties given = new Properties();
    given.setProperty(VirtualThreadCarriers.PROPERTY, "3");
    VirtualThreadCarriers.widen(given, 2);
    assertThat(given.getProperty(VirtualThreadCarriers.PROPERTY)).isEqualTo("3");
  }
}
