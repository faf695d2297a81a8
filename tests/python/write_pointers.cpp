// STUB (being written): writes the pointers cases for check_pointers.py.
int main() { return 0; }
