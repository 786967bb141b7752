package io.nvo3.app;

public final class Main {
    public static void main(String[] args) {
        System.out.println("nvo3");
    }
}
